package dev.tokend.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph is the architecture (docs/architecture.md): these rules fail the build when a
 * change breaks it, so the layering cannot erode one convenient import at a time.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tokend.server");
    }

    @Test
    void packagesUnderServerHaveNoCycles() {
        slices().matching("dev.tokend.server.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void handlersNeverTouchADaoJdbiOrSql() {
        ArchRule rule = noClasses().that().resideInAnyPackage("dev.tokend.server.api..", "dev.tokend.server.web..")
                .should().dependOnClassesThat(daoOrDatabase())
                .orShould().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..", "javax.sql..",
                        "com.zaxxer..")
                .because("handlers reach data only through the authorizing data layer (store)");
        rule.check(classes);
    }

    @Test
    void rbacIsPurePolicy() {
        noClasses().that().resideInAPackage("dev.tokend.server.rbac..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tokend.server.http..",
                        "dev.tokend.server.db..", "dev.tokend.server.store..", "dev.tokend.server.api..",
                        "io.helidon..", "org.jdbi..")
                .check(classes);
    }

    @Test
    void theAuthorizingLayerKnowsNoHttp() {
        noClasses().that().resideInAnyPackage("dev.tokend.server.store..", "dev.tokend.server.auth..",
                        "dev.tokend.server.audit..", "dev.tokend.server.error..")
                .should().dependOnClassesThat().resideInAnyPackage("io.helidon..", "dev.tokend.server.http..",
                        "dev.tokend.server.api..", "dev.tokend.server.web..")
                .check(classes);
    }

    @Test
    void onlyTheMinterInsertsApiKeys() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.tokend.server.store.ApiKeyMinter")
                .should().callMethodWhere(DescribedPredicate.describe("ApiKeyDao.insertApiKey",
                        call -> call.getTarget().getOwner().getName().equals("dev.tokend.server.db.ApiKeyDao")
                                && call.getTarget().getName().equals("insertApiKey")))
                .because("every key is minted through the one path that checks escalation and audits")
                .check(classes);
    }

    @Test
    void onlyTheStoreWritesAuditRows() {
        noClasses().that().resideOutsideOfPackage("dev.tokend.server.store..")
                .should().callMethodWhere(DescribedPredicate.describe("AuditDao.insertAuditLog",
                        call -> call.getTarget().getOwner().getName().equals("dev.tokend.server.db.AuditDao")
                                && call.getTarget().getName().equals("insertAuditLog")))
                .check(classes);
    }

    private static DescribedPredicate<JavaClass> daoOrDatabase() {
        return DescribedPredicate.describe("a DAO or the database",
                c -> c.getPackageName().equals("dev.tokend.server.db")
                        && (c.getSimpleName().endsWith("Dao") || c.getSimpleName().equals("Database")
                                || c.getSimpleName().equals("EmbeddedDatabase")));
    }
}
