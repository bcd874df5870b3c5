# GoogleTest units, run by lit so one runner reports every test.
import lit.formats
config.test_format = lit.formats.GoogleTest(".", "Tests")
config.test_source_root = config.unit_tests_dir
config.test_exec_root = config.unit_tests_dir
