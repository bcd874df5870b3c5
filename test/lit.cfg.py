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
config.excludes = ["Inputs", "tools", "wire-probe.cpp", "unit", "lit.cfg.py", "lit.site.cfg.py", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.distomp_obj_root, "test")

bindir = os.path.join(config.distomp_obj_root, "bin")
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, bindir, config.environment.get("PATH", "")])
# Programs under test must not pick up the caller's OpenMP settings.
for var in list(os.environ):
    if var.startswith("OMP_") or var.startswith("KMP_") or var.startswith("DISTOMP_"):
        config.environment.pop(var, None)
# Tests exercise the distributed machinery: every region runs across the
# processes, however short (the default lets the master run natively a
# region whose distributed runs cost more; e2e/placement.c tests that).
config.environment["DISTOMP_PLACEMENT"] = "distribute"

opt = os.path.join(config.llvm_tools_dir, "opt")
config.substitutions.append(("%opt", f"{opt} -load-pass-plugin={config.distomp_plugin}"))
config.substitutions.append(("%distomp-cxx", os.path.join(bindir, "distomp-c++")))
config.substitutions.append(("%distomp-cc", os.path.join(bindir, "distomp-cc")))
config.substitutions.append(("%clang", os.path.join(config.llvm_tools_dir, "clang")))
config.substitutions.append(("%plugin", config.distomp_plugin))
config.substitutions.append(("%distomp-build", config.distomp_obj_root))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(
    ("%merge-traces", f"{config.python_executable} "
     + os.path.join(config.distomp_src_root, "scripts", "merge-traces.py")))
config.substitutions.append(
    ("%wire-probe", os.path.join(config.distomp_obj_root, "test", "tools", "wire-probe")))
# Emulated-cluster tests need root, network namespaces, veth pairs and a
# bridge ("netns"); the delay presets need tc's netem discipline too
# ("netem"). Probed once, in a throwaway namespace.
def probe_netns():
    import subprocess
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not lit.util.which("ip"):
        return set()
    ns = f"distomp-probe-{os.getpid()}"
    link = f"dpv{os.getpid() % 100000}"
    found = set()
    try:
        subprocess.run(["ip", "netns", "add", ns], check=True, capture_output=True)
        veth = subprocess.run(["ip", "link", "add", link, "type", "veth", "peer", "name", "eth0",
                               "netns", ns], capture_output=True)
        if veth.returncode == 0:
            found.add("netns")
        r = subprocess.run(["ip", "netns", "exec", ns, "tc", "qdisc", "add", "dev", "lo", "root",
                            "netem", "delay", "1ms"], capture_output=True)
        if r.returncode == 0:
            found.add("netem")
    except (OSError, subprocess.CalledProcessError):
        pass
    finally:
        subprocess.run(["ip", "link", "del", link], capture_output=True)
        subprocess.run(["ip", "netns", "del", ns], capture_output=True)
    return found
netns_features = probe_netns()
config.available_features.update(netns_features)
if "netns" not in netns_features:
    lit_config.note("emulated-cluster tests skipped: they need root, network namespaces and veth")
elif "netem" not in netns_features:
    lit_config.note("tests that need tc netem (delay) skipped: this kernel has no netem")
config.substitutions.append(
    ("%emulated-cluster", "env DISTOMP_BIN=" + bindir + " bash " +
     os.path.join(config.distomp_src_root, "scripts", "emulated-cluster.sh")))
config.substitutions.append(
    ("%compare-build", f"{config.python_executable} "
                       f"{os.path.join(config.distomp_src_root, 'test', 'tools', 'compare-build.py')} "
                       f"--bindir {bindir} --llvm-bindir {config.llvm_tools_dir}"))
compare = os.path.join(config.distomp_src_root, "test", "tools", "compare-native.py")
config.substitutions.append(
    ("%compare", f"{config.python_executable} {compare} --bindir {bindir} "
                 f"--llvm-bindir {config.llvm_tools_dir} --workdir %t.dir"))
