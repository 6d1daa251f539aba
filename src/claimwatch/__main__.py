"""``python -m claimwatch`` runs the command line."""

from .cli import main

main()
