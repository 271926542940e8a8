"""The diagnosis app: "Could it be…?" — symptoms in plain words or HPO terms → ranked, explained diseases."""
