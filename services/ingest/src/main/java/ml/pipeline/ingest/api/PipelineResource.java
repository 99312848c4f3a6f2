package ml.pipeline.ingest.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import ml.pipeline.core.access.Role;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.ingest.service.PipelineSpecService;

/** Pipeline specs: PUT one (YAML) to create or change a pipeline; runs already started keep theirs. */
@Path("/api/v1/pipelines/{name}")
public class PipelineResource {
    private final PipelineSpecService specs;

    public PipelineResource(PipelineSpecService specs) {
        this.specs = specs;
    }

    @PUT
    @RolesAllowed({Role.Names.PUBLISHER, Role.Names.ADMIN})
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> put(@PathParam("name") String name, String yaml) {
        PipelineSpec spec = specs.save(name, yaml);
        return Map.of("pipeline", spec.pipeline(), "model", spec.modelName(),
                "label", spec.dataset().label(), "columns", spec.dataset().columns().size());
    }

    @GET
    @Produces("application/yaml")
    public String get(@PathParam("name") String name) {
        return specs.current(name).orElseThrow(() -> new NotFoundException("pipeline '" + name + "' has no spec"));
    }
}
