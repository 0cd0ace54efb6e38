"""HTTP service and command line over the Inspection QA library."""
