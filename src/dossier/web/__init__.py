"""The web UI (``dossier serve``)."""
