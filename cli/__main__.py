"""`python -m cli` runs the iisg command."""
from .app import main

main()
