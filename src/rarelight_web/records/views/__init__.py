"""Care record pages, one module per part of the record. Every page starts with
access.record_access; every write goes to services."""
