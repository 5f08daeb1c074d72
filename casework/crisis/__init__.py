"""Help when someone needs it now: out-of-hours numbers and honest working hours.

Core (no strengths imports): the person's own plan and circle are added by the
page in ``casework.space.help_now``.
"""
