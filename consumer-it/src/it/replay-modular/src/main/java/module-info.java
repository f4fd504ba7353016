/** A modular user of etw4j: reads an .etl capture through the SCM monitor on the module path. */
module com.example.modular {
    requires io.etw4j.scm;
}
