package ml.pipeline.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import ml.pipeline.core.spec.ModelStage;
import org.junit.jupiter.api.Test;

class RoleTest {
    @Test
    void whatServesTrafficIsMovedByApproversOnly() {
        assertEquals(Role.APPROVING, Role.mayMove(ModelStage.STAGING, ModelStage.PRODUCTION));
        assertEquals(Role.APPROVING, Role.mayMove(ModelStage.NONE, ModelStage.CANARY));
        assertEquals(Role.APPROVING, Role.mayMove(ModelStage.PRODUCTION, ModelStage.ARCHIVED), "taking production away serves less");
        assertEquals(Role.ANY, Role.mayMove(ModelStage.NONE, ModelStage.STAGING));
        assertEquals(Role.ANY, Role.mayMove(ModelStage.STAGING, ModelStage.ARCHIVED));
    }

    @Test
    void namesAreTheTokensGroups() {
        assertEquals(Role.Names.APPROVER, Role.APPROVER.roleName());
        assertEquals(Optional.of(Role.PUBLISHER), Role.byName("publisher"));
        assertEquals(Optional.empty(), Role.byName("root"));
        assertEquals("approver or admin", Role.describe(Role.APPROVING));
    }
}
