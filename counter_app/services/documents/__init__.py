"""The printed receipt and counter forms: issuing, their data, the files."""
