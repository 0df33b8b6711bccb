"""Use cases: one function per thing a user does, each taking a Session."""
