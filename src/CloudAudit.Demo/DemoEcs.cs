using CloudAudit.Inventory.Catalog;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Demo;

/// <summary>
/// Production's API task runs a privileged monitoring sidecar that logs nowhere, and its service
/// keeps ECS Exec on since an incident; the worker is clean. Development has a privileged sandbox task.
/// The security account runs no containers.
/// </summary>
internal sealed class DemoEcs : IDemoPart
{
    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        Record(a, "us-east-1", "northwind-prod",
            new()
            {
                ["northwind-api"] = (42, [Container("api", $"{id}.dkr.ecr.us-east-1.amazonaws.com/northwind-api:2026.11.3", "northwind-api", privileged: false),
                    Container("datadog-agent", "public.ecr.aws/datadog/agent:7", null, privileged: true)]),
                ["northwind-worker"] = (17, [Container("worker", $"{id}.dkr.ecr.us-east-1.amazonaws.com/northwind-worker:2026.11.1", "northwind-worker", privileged: false)]),
            },
            new() { ["api"] = ("northwind-api:42", true), ["worker"] = ("northwind-worker:17", false) }, clock);
    }

    public void Development(DemoRecorder a, DemoClock clock) =>
        Record(a, "us-east-1", "dev",
            new() { ["dev-sandbox"] = (3, [Container("sandbox", "docker:27-dind", "dev-sandbox", privileged: true)]) },
            new() { ["sandbox"] = ("dev-sandbox:3", true) }, clock);

    /// <summary>The security account runs no containers.</summary>
    public void Security(DemoRecorder a, DemoClock clock)
    {
        foreach (var region in a.Regions)
        {
            a.Regional(EcsCalls.ListTaskDefinitionFamilies, region, """{"families": []}""");
            a.Regional(EcsCalls.ListClusters, region, """{"clusterArns": []}""");
        }
    }

    private static string Container(string name, string image, string? logGroup, bool privileged)
    {
        var logging = logGroup is null ? "" : $$"""
            , "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/{{logGroup}}", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "{{name}}"} }
            """;
        return $$"""
            {"name": "{{name}}", "image": "{{image}}", "cpu": 256, "memory": 512, "essential": {{(name is "api" or "worker" or "sandbox" ? "true" : "false")}},
             "privileged": {{(privileged ? "true" : "false")}}, "portMappings": [], "environment": [], "mountPoints": [], "volumesFrom": []{{logging}}}
            """;
    }

    private static void Record(DemoRecorder a, string home, string cluster, Dictionary<string, (int Revision, string[] Containers)> families,
        Dictionary<string, (string TaskDefinition, bool Exec)> services, DemoClock clock)
    {
        var id = a.AccountId;
        foreach (var region in a.Regions)
        {
            var here = region == home;
            a.Regional(EcsCalls.ListTaskDefinitionFamilies, region,
                $$"""{"families": [{{(here ? string.Join(", ", families.Keys.Select(f => $"\"{f}\"")) : "")}}]}""");
            var clusterArn = $"arn:aws:ecs:{region}:{id}:cluster/{cluster}";
            a.Regional(EcsCalls.ListClusters, region, $$"""{"clusterArns": [{{(here ? $"\"{clusterArn}\"" : "")}}]}""");
            if (!here) continue;
            foreach (var (family, (revision, containers)) in families)
                a.Target(EcsCalls.DescribeTaskDefinition, region, Params(("taskDefinition", family)), $$"""
                    {"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:{{region}}:{{id}}:task-definition/{{family}}:{{revision}}",
                      "family": "{{family}}", "revision": {{revision}}, "status": "ACTIVE", "networkMode": "awsvpc",
                      "taskRoleArn": "arn:aws:iam::{{id}}:role/{{family}}-task", "executionRoleArn": "arn:aws:iam::{{id}}:role/ecsTaskExecutionRole",
                      "containerDefinitions": [{{string.Join(",", containers)}}], "requiresCompatibilities": ["EC2"], "cpu": "1024", "memory": "2048",
                      "registeredAt": "{{clock.DaysAgo(21)}}", "registeredBy": "arn:aws:sts::{{id}}:assumed-role/deploy/github-actions"}, "tags": []}
                    """);
            var serviceArns = services.Keys.Select(s => $"arn:aws:ecs:{region}:{id}:service/{cluster}/{s}").ToList();
            a.Target(EcsCalls.ListServices, region, Params(("cluster", clusterArn)),
                $$"""{"serviceArns": [{{string.Join(", ", serviceArns.Select(s => $"\"{s}\""))}}]}""");
            var described = services.Select(s => $$"""
                {"serviceArn": "arn:aws:ecs:{{region}}:{{id}}:service/{{cluster}}/{{s.Key}}", "serviceName": "{{s.Key}}", "clusterArn": "{{clusterArn}}",
                 "status": "ACTIVE", "desiredCount": 2, "runningCount": 2, "pendingCount": 0, "launchType": "EC2",
                 "taskDefinition": "arn:aws:ecs:{{region}}:{{id}}:task-definition/{{s.Value.TaskDefinition}}",
                 "enableExecuteCommand": {{(s.Value.Exec ? "true" : "false")}}, "createdAt": "{{clock.DaysAgo(500)}}"}
                """);
            foreach (var batch in EcsCalls.ServiceBatches(region, clusterArn, serviceArns))
                a.Target(EcsCalls.DescribeServices, region, batch.Parameters!, $$"""{"services": [{{string.Join(",", described)}}], "failures": []}""");
        }
    }
}
