"""Accounts: people sign up with an email address, sign in (throttled), and reset their password."""
