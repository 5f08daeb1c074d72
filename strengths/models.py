"""The person's own recovery content: goals, strengths, circle, setbacks, plan.

Models arrive with the person-content and plan issues; the app exists from the
start so its migrations have a home and the layout stays fixed.
"""
