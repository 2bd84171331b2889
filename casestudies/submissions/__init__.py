"""Councils submitting case studies: the form, storing a submission, and the emails that confirm it."""
