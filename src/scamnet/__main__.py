"""``python -m scamnet`` runs the CLI."""

from scamnet.cli import main

main()
