// Site behaviour lives in static files so the Content-Security-Policy can stay strict.
// htmx is configured by the <meta name="htmx-config"> tag in base.html.
