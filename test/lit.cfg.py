# lit configuration for DistOMP (after banach-space/llvm-tutor's layout for an
# out-of-tree pass). Substitutions:
#   %opt          opt with the DistOMP plugin loaded
#   %distomp-cc   the C wrapper, %distomp-cxx the C++ wrapper
#   %clang        the clang the plugin was built for
#   %compare      build natively and with DistOMP, run both, compare outputs
import os
import lit.formats
import lit.util

config.name = "DistOMP"
config.test_format = lit.formats.ShTest(not lit.util.which("bash") is None)
config.suffixes = [".ll", ".c", ".cpp", ".test"]
config.excludes = ["Inputs", "tools", "unit", "lit.cfg.py", "lit.site.cfg.py", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.distomp_obj_root, "test")

bindir = os.path.join(config.distomp_obj_root, "bin")
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, bindir, config.environment.get("PATH", "")])
# Programs under test must not pick up the caller's OpenMP settings.
for var in list(os.environ):
    if var.startswith("OMP_") or var.startswith("KMP_") or var.startswith("DISTOMP_"):
        config.environment.pop(var, None)

opt = os.path.join(config.llvm_tools_dir, "opt")
config.substitutions.append(("%opt", f"{opt} -load-pass-plugin={config.distomp_plugin}"))
config.substitutions.append(("%distomp-cxx", os.path.join(bindir, "distomp-c++")))
config.substitutions.append(("%distomp-cc", os.path.join(bindir, "distomp-cc")))
config.substitutions.append(("%clang", os.path.join(config.llvm_tools_dir, "clang")))
config.substitutions.append(("%plugin", config.distomp_plugin))
config.substitutions.append(("%distomp-build", config.distomp_obj_root))
compare = os.path.join(config.distomp_src_root, "test", "tools", "compare-native.py")
config.substitutions.append(
    ("%compare", f"{config.python_executable} {compare} --bindir {bindir} "
                 f"--llvm-bindir {config.llvm_tools_dir} --workdir %t.dir"))
