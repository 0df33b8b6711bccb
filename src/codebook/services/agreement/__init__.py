"""Inter-coder agreement: units, coefficients and the use case (``compute.agreement``)."""
