package dev.tokend.bench;

import dev.tokend.server.rbac.Action;
import dev.tokend.server.rbac.RbacEngine;
import dev.tokend.server.rbac.RbacObject;
import dev.tokend.server.rbac.Roles;
import dev.tokend.server.rbac.Subject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One authorization decision of {@link RbacEngine}, as every request makes several: a member reading
 * their own API key with a {@code coder:all} key, a scoped and allow-listed key checking a
 * workspace, and (for comparison, side by side in the same run) the cost when the subject is not
 * yet compiled. Target: a typical check well under a microsecond.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RbacDecisionBenchmark {
    private static final UUID ME = UUID.randomUUID();
    private static final UUID ORG = UUID.randomUUID();
    private static final String WS = "11111111-1111-1111-1111-111111111111";

    private RbacEngine engine;
    private Subject member;
    private Subject scoped;
    private RbacObject ownKey;
    private RbacObject workspace;

    @Setup
    public void setUp() {
        engine = new RbacEngine();
        member = new Subject(ME, "member", Set.of(Roles.MEMBER), Map.of(ORG, Set.of(Roles.ORGANIZATION_MEMBER)),
                List.of("coder:all"), List.of("*:*"));
        scoped = new Subject(ME, "member", Set.of(Roles.MEMBER), Map.of(ORG, Set.of(Roles.ORGANIZATION_MEMBER)),
                List.of("workspace:read", "workspace:ssh", "coder:apikeys.manage_self"),
                List.of("workspace:" + WS, "api_key:*"));
        ownKey = RbacObject.apiKey("abcdef0123", ME);
        workspace = new RbacObject("workspace", WS, ME, ORG);
        engine.authorize(member, Action.READ, ownKey);
        engine.authorize(scoped, "ssh", workspace);
    }

    /** A member with a coder:all key reads one of their own keys (compiled subject cached). */
    @Benchmark
    public boolean memberReadsOwnKey() {
        return engine.authorize(member, Action.READ, ownKey);
    }

    /** A scoped, allow-listed key checks ssh on its one workspace (compiled subject cached). */
    @Benchmark
    public boolean scopedKeySshToAllowListedWorkspace() {
        return engine.authorize(scoped, "ssh", workspace);
    }

    /** The same decision with compilation each time (what the cache saves). */
    @Benchmark
    public boolean scopedKeyUncompiled() {
        return new RbacEngine().authorize(scoped, "ssh", workspace);
    }
}
