// Runs after the modular consumer build (invoker postBuildHookScript): its tests ran on the module path and passed.
def log = new File(basedir, 'build.log').text
def failures = []
if (!log.contains('modular consumer saw: service') || !log.contains('created by PID 3556')) {
    failures << 'modular consumer test output missing'
}
if (!log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')) {
    failures << 'modular consumer tests did not run exactly twice, cleanly'
}
if (!failures.isEmpty()) {
    throw new AssertionError('modular consumer: ' + failures.join('; '))
}
return true
