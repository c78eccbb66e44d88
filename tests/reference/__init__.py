"""Independent reference models of the rules, in plain Python over networkx, for the tests."""
