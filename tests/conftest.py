pytest_plugins = ["tests.clusters.fixtures"]
