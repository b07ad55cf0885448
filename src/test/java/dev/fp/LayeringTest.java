package dev.fp;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layering of ARCHITECTURE.md §4 and STYLE.md, enforced by the build instead of review. */
class LayeringTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    // Test classes live in <build dir>/test-classes whatever -Dfp.build.dir says; they are not layered.
    classes = new ClassFileImporter().withImportOption(location -> !location.contains("/test-classes/"))
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("dev.fp");
  }

  @Test
  void coreLogicShouldNotDependOnVertx() {
    ArchRule rule = noClasses().that().resideInAPackage("..core..")
        .should().dependOnClassesThat().resideInAPackage("io.vertx..")
        .allowEmptyShould(true);
    rule.check(classes);
  }

  @Test
  void componentsShouldNotNameBackendLibraries() {
    ArchRule rule = noClasses().that().resideOutsideOfPackage("dev.fp.substrate..")
        .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "java.sql..", "org.sqlite..")
        .allowEmptyShould(true);
    rule.check(classes);
  }

  @Test
  void componentsShouldNotNameAdapters() {
    for (String adapter : new String[] {"FsObjectStore", "S3ObjectStore", "FileEventLog", "KinesisEventLog"}) {
      noClasses().that().resideOutsideOfPackage("dev.fp.substrate..")
          .should().dependOnClassesThat().haveSimpleName(adapter)
          .allowEmptyShould(true).check(classes);
    }
  }

  @Test
  void storesShouldBeUsedOnlyByTheirOwnComponent() {
    for (String component : new String[] {"ingress.ig", "control.sr", "control.wsp", "rtdl.aw", "rtdl.ieg", "rtdl.ofp",
        "rtdl.csfb", "rtdl.dl", "rtdl.df", "rtdl.al", "rtdl.dla", "caselabels.ct", "caselabels.cm", "caselabels.ls"}) {
      noClasses().that().resideOutsideOfPackage("dev.fp." + component + "..")
          .should().dependOnClassesThat().resideInAPackage("dev.fp." + component + ".store..")
          .allowEmptyShould(true).check(classes);
    }
  }
}
