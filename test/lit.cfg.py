# lit configuration for ovc. Tests live next to what they test, mirrored
# under test/: Dialect/ (ops, verifiers, folders), Transforms/ (one file per
# pass), Importer/ (IR XML files), e2e/ (the real models in ../shared).
import os

import lit.formats

config.name = "ovc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir", ".xml", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "unit", "fuzz"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.ovc_obj_root, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.ovc_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", "")]
)
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%cc", config.c_compiler))
config.substitutions.append(("%models", config.shared_models_dir))
config.substitutions.append(("%ovc_lib", os.path.join(config.ovc_obj_root, "lib")))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))

if os.path.isdir(config.shared_models_dir):
    config.available_features.add("shared-models")
else:
    lit_config.note(
        "shared models not found at %s: end-to-end model tests are skipped"
        % config.shared_models_dir
    )

# Programs compiled for AVX-512 or AMX cannot run here unless the CPU has them.
try:
    with open("/proc/cpuinfo") as cpuinfo:
        flags = cpuinfo.read()
    if " avx512f" not in flags:
        config.available_features.add("no-avx512")
except OSError:
    pass
