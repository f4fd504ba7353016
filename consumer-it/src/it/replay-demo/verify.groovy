// Runs after the consumer build (invoker postBuildHookScript). Checks what the throwaway repository holds, as a user
// downloads it; the sources and javadoc jars the modules attach for deployment (invoker:install installs main
// artifacts only, so they are read from each module's build directory); and the shaded samples jar.
// Variables: basedir, localRepositoryPath (invoker); projectVersion, etw4jRoot, buildDir, shadedSamplesJar
// (consumer-it/pom.xml).
import groovy.xml.XmlSlurper
import java.util.jar.JarFile

def failures = []
def check = { boolean ok, String what -> if (!ok) failures << what }

// The consumer's test ran and saw the creator's PID.
def log = new File(basedir, 'build.log').text
check(log.contains('consumer saw: service') && log.contains('created by PID 3556'), 'consumer test output missing')
check(log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0'), 'consumer test did not run exactly once, cleanly')

def root = new File(etw4jRoot).canonicalFile
byte[] license = new File(root, 'LICENSE').bytes
byte[] notice = new File(root, 'NOTICE').bytes
def repo = new File(localRepositoryPath, 'io/etw4j')

def entryBytes = { JarFile jar, String name ->
    def e = jar.getJarEntry(name)
    e == null ? null : jar.getInputStream(e).bytes
}
def hasLegalFiles = { File f ->
    if (!f.isFile()) { failures << "missing ${f}"; return }
    new JarFile(f).withCloseable { jar ->
        check(Arrays.equals(entryBytes(jar, 'META-INF/LICENSE'), license), "${f.name}: META-INF/LICENSE is not LICENSE")
        check(Arrays.equals(entryBytes(jar, 'META-INF/NOTICE'), notice), "${f.name}: META-INF/NOTICE is not NOTICE")
    }
}

// The packages each library module exports to everyone (its module-info); README "Coordinates" lists them too.
def libraryExports = ['etw-core': ['io.etw4j.core', 'io.etw4j.core.session', 'io.etw4j.core.etl'],
        'etw-decode': ['io.etw4j.decode'],
        'etw-json': ['io.etw4j.json'],
        'etw-scm': ['io.etw4j.scm', 'io.etw4j.scm.preflight', 'io.etw4j.scm.calibration', 'io.etw4j.scm.history']]
def published = ['etw-core': 'io.etw4j.core', 'etw-scm': 'io.etw4j.scm', 'etw-decode': 'io.etw4j.decode',
        'etw-json': 'io.etw4j.json',
        'etw-samples': 'io.etw4j.samples', 'etw4j-spark': 'io.etw4j.spark']
published.each { artifactId, moduleName ->
    def dir = new File(repo, "${artifactId}/${projectVersion}")
    def main = new File(dir, "${artifactId}-${projectVersion}.jar")
    hasLegalFiles(main)
    def built = new File(root, "${artifactId}/${buildDir}")
    def javadoc = new File(built, "${artifactId}-${projectVersion}-javadoc.jar")
    hasLegalFiles(new File(built, "${artifactId}-${projectVersion}-sources.jar"))
    hasLegalFiles(javadoc)
    if (main.isFile()) {
        def apiPackages = libraryExports[artifactId]
        if (apiPackages == null) {
            // an application jar (etw-samples): no module descriptor, a stable automatic module name
            new JarFile(main).withCloseable { jar ->
                def name = jar.manifest?.mainAttributes?.getValue('Automatic-Module-Name')
                check(name == moduleName, "${main.name}: Automatic-Module-Name is ${name}, expected ${moduleName}")
            }
        } else {
            // a library jar: a module descriptor that exports exactly the API packages to everyone, and every other
            // package (the internal ones) at most to etw4j's own modules
            def refs = java.lang.module.ModuleFinder.of(main.toPath()).findAll()
            check(refs.size() == 1, "${main.name}: ${refs.size()} modules found")
            refs.each { ref ->
                def d = ref.descriptor()
                check(!d.isAutomatic() && d.name() == moduleName, "${main.name}: module ${d.name()}, automatic ${d.isAutomatic()}")
                def open = d.exports().findAll { !it.isQualified() }.collect { it.source() } as Set
                check(open == apiPackages as Set, "${main.name}: exported to everyone ${open}, expected ${apiPackages}")
                d.exports().findAll { it.isQualified() }.each { e ->
                    check(e.targets().every { it.startsWith('io.etw4j.') }, "${main.name}: ${e.source()} exported to ${e.targets()}")
                }
                check(d.opens().every { it.isQualified() }, "${main.name}: opens a package to everyone: ${d.opens()}")
            }
        }
    }
    def javadocPackages = libraryExports[artifactId]
    if (javadocPackages != null && javadoc.isFile()) {
        new JarFile(javadoc).withCloseable { jar ->
            def internal = jar.entries().toList().findAll { it.name.contains('/internal/') }
            check(internal.isEmpty(), "${javadoc.name} documents internal packages: ${internal.take(3)*.name}")
        }
    }
    if (javadoc.isFile()) {
        new JarFile(javadoc).withCloseable { jar ->
            check(jar.getJarEntry('index.html') != null, "${javadoc.name} has no index.html")
        }
    }
}

// The BOM as installed: no parent (so importing it manages nothing but etw4j), only io.etw4j entries.
def bom = new XmlSlurper().parse(new File(repo, "etw4j-bom/${projectVersion}/etw4j-bom-${projectVersion}.pom"))
check(bom.parent.size() == 0, 'installed BOM has a parent')
def managed = bom.dependencyManagement.dependencies.dependency.collect { "${it.groupId}:${it.artifactId}".toString() }
check(managed as Set == ['io.etw4j:etw-core', 'io.etw4j:etw-scm', 'io.etw4j:etw-decode', 'io.etw4j:etw-json',
        'io.etw4j:etw-samples', 'io.etw4j:etw4j-spark'] as Set,
        "BOM manages ${managed}")
// The parent the module poms name, with the metadata Central requires.
def parent = new XmlSlurper().parse(new File(repo, "etw4j-parent/${projectVersion}/etw4j-parent-${projectVersion}.pom"))
check(parent.licenses.license.name.text() == 'Apache-2.0', 'parent pom has no Apache-2.0 licence')
['url', 'scm', 'developers', 'issueManagement'].each { check(parent."${it}".size() == 1, "parent pom has no ${it}") }

// The shaded samples jar (not deployed, built for people to run): etw4j's LICENSE, a NOTICE that includes etw4j's,
// and every bundled class under a package THIRD-PARTY.txt lists.
def shaded = new File(shadedSamplesJar)
check(shaded.isFile(), "missing ${shaded}")
if (shaded.isFile()) {
    new JarFile(shaded).withCloseable { jar ->
        check(Arrays.equals(entryBytes(jar, 'META-INF/LICENSE'), license), 'shaded jar: META-INF/LICENSE is not LICENSE')
        def mergedNotice = new String(entryBytes(jar, 'META-INF/NOTICE') ?: new byte[0], 'UTF-8')
        check(mergedNotice.contains('etw4j authors') && mergedNotice.contains('Jackson'),
                'shaded jar: META-INF/NOTICE lacks etw4j\'s or Jackson\'s notice')
        def thirdParty = new String(entryBytes(jar, 'META-INF/THIRD-PARTY.txt') ?: new byte[0], 'UTF-8')
        def packages = (thirdParty =~ /(?m)^\s*packages:\s*(\S+)/).collect { it[1].replace('.', '/') + '/' }
        check(!packages.isEmpty(), 'shaded jar: THIRD-PARTY.txt lists no packages')
        def unlisted = jar.entries().collect { it.name }
                .findAll { it.endsWith('.class') }
                .collect { it.replaceFirst('^META-INF/versions/[0-9]+/', '') }
                .findAll { !it.startsWith('io/etw4j/') && it != 'module-info.class' }
                .findAll { c -> !packages.any { c.startsWith(it) } }
                .collect { it.substring(0, Math.max(0, it.lastIndexOf('/'))) }
                .unique()
        check(unlisted.isEmpty(), "shaded jar: classes in packages THIRD-PARTY.txt does not list: ${unlisted}")
    }
}

if (!failures.isEmpty()) {
    failures.each { println "FAILED: ${it}" }
    throw new AssertionError("published artifacts: ${failures.size()} check(s) failed:\n" + failures.join('\n'))
}
println "published artifacts: all checks passed"
return true
