"""``python -m xpid``: the same as the ``xpid`` command."""

from xpid.cli.app import main

if __name__ == "__main__":
    main()
