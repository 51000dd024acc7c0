"""The parts of the HTML report, one idea a module; `collate.formats.html` puts them
together into the page (and the notebook view). Not an output format itself."""
