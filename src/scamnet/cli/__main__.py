"""``python -m scamnet.cli`` runs the CLI."""

from scamnet.cli import main

main()
