package dev.fp;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of ARCHITECTURE.md §4 and STYLE.md, enforced by the build instead of review. Every rule must see
 * classes (ArchUnit fails a rule whose subject is empty), so none passes because a package was renamed away.
 *
 * <pre>
 *   Main, cli ──▶ app ──▶ ops, components (control.sr, control.wsp, ingress.ig, oracle, world, rtdl.*, …)
 *                             │  each imports no other component: planes talk through the log or IG
 *                             ▼
 *   platform (kernel) ──▶ substrate ──▶ config, contract          shared: parquet, oraclestore
 * </pre>
 */
class LayeringTest {
  /** Component roots that exist today; each must hold classes, so no rule over them passes vacuously. */
  static final List<String> COMPONENTS = List.of("control.sr", "control.wsp", "ingress.ig", "oracle", "world",
      "rtdl.aw");
  /** Component roots of planes still to come: rules name them now, and apply as soon as they hold classes. */
  static final List<String> FUTURE_COMPONENTS = List.of("rtdl.ieg", "rtdl.ofp", "rtdl.csfb", "rtdl.dl",
      "rtdl.df", "rtdl.al", "rtdl.dla", "caselabels.ct", "caselabels.cm", "caselabels.ls", "obsgov");
  /** Packages every plane may use; they import no component, no {@code ops}, {@code app} or {@code cli}. */
  static final List<String> SHARED = List.of("platform", "substrate", "contract", "config", "parquet", "oraclestore");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    // Test classes live in <build dir>/test-classes whatever -Dfp.build.dir says; they are not layered.
    classes = new ClassFileImporter().withImportOption(location -> !location.contains("/test-classes/"))
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("dev.fp");
  }

  @Test
  void componentListsShouldNameRealPackages() {
    for (String c : COMPONENTS) {
      assertThat(holdsClasses(c)).as("component dev.fp.%s holds classes", c).isTrue();
    }
    List<String> topLevel = classes.stream().map(JavaClass::getPackageName).filter(p -> p.startsWith("dev.fp."))
        .map(p -> p.split("\\.")[2]).distinct().toList();
    assertThat(topLevel).as("every top-level package is a component plane or listed as shared or entry")
        .allMatch(p -> List.of("control", "ingress", "oracle", "world", "rtdl", "caselabels", "obsgov", "ops", "app",
            "cli").contains(p) || SHARED.contains(p));
  }

  @Test
  void topLevelPackagesShouldBeFreeOfCycles() {
    slices().matching("dev.fp.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void componentsShouldBeFreeOfCycles() {
    slices().assignedFrom(new ComponentSlices()).should().beFreeOfCycles().check(classes);
  }

  @Test
  void componentsShouldNotImportOtherComponents() {
    List<String> all = new ArrayList<>(COMPONENTS);
    all.addAll(FUTURE_COMPONENTS);
    all.add("ops");
    for (String c : all) {
      if (!holdsClasses(c)) {
        continue;
      }
      String[] others = all.stream().filter(o -> !o.equals(c)).map(o -> "dev.fp." + o + "..").toArray(String[]::new);
      noClasses().that().resideInAPackage("dev.fp." + c + "..")
          .should().dependOnClassesThat().resideInAnyPackage(others)
          .because("planes talk through the log or IG, never through each other's packages").check(classes);
    }
  }

  @Test
  void sharedPackagesShouldNotImportComponentsOrTheEntryPoints() {
    List<String> above = new ArrayList<>();
    for (String c : COMPONENTS) {
      above.add("dev.fp." + c + "..");
    }
    for (String c : FUTURE_COMPONENTS) {
      above.add("dev.fp." + c + "..");
    }
    above.addAll(List.of("dev.fp.ops..", "dev.fp.app..", "dev.fp.cli.."));
    for (String shared : SHARED) {
      noClasses().that().resideInAPackage("dev.fp." + shared + "..")
          .should().dependOnClassesThat().resideInAnyPackage(above.toArray(String[]::new))
          .orShould().dependOnClassesThat().haveFullyQualifiedName(Main.class.getName())
          .check(classes);
    }
  }

  @Test
  void kernelShouldKnowComponentsOnlyThroughInterfaces() {
    noClasses().that().resideInAPackage("dev.fp.platform..")
        .should().dependOnClassesThat(resideInAPackage("dev.fp..")
            .and(resideOutsideOfPackages("dev.fp.platform..", "dev.fp.substrate..", "dev.fp.config..",
                "dev.fp.contract..")))
        .because("the composition root (dev.fp.app) hands the kernel its packs and phases").check(classes);
  }

  @Test
  void substrateShouldImportNeitherComponentsNorPlatform() {
    noClasses().that().resideInAPackage("dev.fp.substrate..")
        .should().dependOnClassesThat(resideInAPackage("dev.fp..")
            .and(resideOutsideOfPackages("dev.fp.substrate..", "dev.fp.config..", "dev.fp.contract..")))
        .because("adapters own their settings and know nothing above the ports").check(classes);
  }

  @Test
  void contractShouldImportNoRuntime() {
    // Not even Vert.x's JSON types: callers unwrap them at the edge (platform.VertxJson); no other dev.fp package.
    DescribedPredicate<JavaClass> runtime = resideInAPackage("io.vertx..")
        .or(resideInAPackage("dev.fp..").and(resideOutsideOfPackages("dev.fp.contract..")))
        .or(resideInAnyPackage("software.amazon.awssdk..", "java.sql..", "org.apache.parquet.."));
    noClasses().that().resideInAPackage("dev.fp.contract..").should().dependOnClassesThat(runtime).check(classes);
  }

  @Test
  void onlyTheEntryPointsShouldImportTheCompositionRoot() {
    noClasses().that().resideOutsideOfPackages("dev.fp.app..", "dev.fp.cli..")
        .and().doNotHaveFullyQualifiedName(Main.class.getName())
        .should().dependOnClassesThat().resideInAPackage("dev.fp.app..").check(classes);
  }

  @Test
  void coreLogicShouldNotDependOnVertx() {
    noClasses().that().resideInAPackage("..core..")
        .should().dependOnClassesThat().resideInAPackage("io.vertx..").check(classes);
  }

  @Test
  void componentsShouldNotNameBackendLibraries() {
    noClasses().that().resideOutsideOfPackage("dev.fp.substrate..")
        .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "java.sql..", "org.sqlite..")
        .check(classes);
  }

  @Test
  void componentsShouldNotNameAdapters() {
    for (String adapter : new String[] {"FsObjectStore", "S3ObjectStore", "FileEventLog", "KinesisEventLog"}) {
      assertThat(classes.stream().anyMatch(c -> c.getSimpleName().equals(adapter))).as(adapter + " exists").isTrue();
      noClasses().that().resideOutsideOfPackage("dev.fp.substrate..")
          .should().dependOnClassesThat().haveSimpleName(adapter).check(classes);
    }
  }

  @Test
  void storesShouldBeUsedOnlyByTheirOwnComponent() {
    List<String> all = new ArrayList<>(COMPONENTS);
    all.addAll(FUTURE_COMPONENTS);
    List<String> withStore = new ArrayList<>();
    for (String component : all) {
      if (holdsClasses(component + ".store")) {
        withStore.add(component);
      }
      noClasses().that().resideOutsideOfPackage("dev.fp." + component + "..")
          .should().dependOnClassesThat().resideInAPackage("dev.fp." + component + ".store..").check(classes);
    }
    assertThat(withStore).as("components with a store package").contains("control.sr", "control.wsp", "ingress.ig");
  }

  private static boolean holdsClasses(String relativePackage) {
    String pkg = "dev.fp." + relativePackage;
    return classes.stream().anyMatch(c -> c.getPackageName().equals(pkg) || c.getPackageName().startsWith(pkg + "."));
  }

  /**
   * One slice per component: {@code control.sr}, {@code ingress.ig}, {@code rtdl.df}, … for the planes with several
   * components, the top-level package for everything else ({@code oracle}, {@code platform}, {@code contract}, …).
   */
  static final class ComponentSlices implements SliceAssignment {
    private static final List<String> PLANES = List.of("control", "ingress", "rtdl", "caselabels");

    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String[] parts = javaClass.getPackageName().split("\\.");
      if (parts.length < 3 || !"dev".equals(parts[0]) || !"fp".equals(parts[1])) {
        return SliceIdentifier.ignore();
      }
      if (PLANES.contains(parts[2]) && parts.length >= 4) {
        return SliceIdentifier.of(parts[2] + "." + parts[3]);
      }
      return SliceIdentifier.of(parts[2]);
    }

    @Override
    public String getDescription() {
      return "components (control.sr, control.wsp, ingress.ig, rtdl.*, caselabels.*) and top-level packages";
    }
  }
}
