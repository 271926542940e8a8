"""Care records and their care circles: who may see and change what, and an audit of both."""
