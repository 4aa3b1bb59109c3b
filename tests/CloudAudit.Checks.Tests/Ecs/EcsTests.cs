using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.Ecs;

public class EcsTests
{
    private static string Container(string name, bool privileged = false, bool logs = true) => $$"""
        {"name": "{{name}}", "image": "repo/{{name}}:1", "essential": true, "privileged": {{(privileged ? "true" : "false")}}
         {{(logs ? """, "logConfiguration": {"logDriver": "awslogs"}""" : "")}} }
        """;

    private static TestAccount TaskDefinitions(params (string Family, string[] Containers)[] families)
    {
        var account = new TestAccount("us-east-1").Answer(EcsCalls.ListTaskDefinitionFamilies, "us-east-1",
            $$"""{"families": [{{string.Join(",", families.Select(f => $"\"{f.Family}\""))}}]}""");
        foreach (var (family, containers) in families)
            account.Answer(EcsCalls.DescribeTaskDefinition, "us-east-1", "taskDefinition", family, $$"""
                {"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/{{family}}:7", "family": "{{family}}",
                  "revision": 7, "status": "ACTIVE", "containerDefinitions": [{{string.Join(",", containers)}}]} }
                """);
        return account;
    }

    [Fact]
    public void A_privileged_sidecar_fails_the_latest_revision()
    {
        var account = TaskDefinitions(("api", [Container("app"), Container("agent", privileged: true)]), ("worker", [Container("worker")]));
        var result = account.Run("aws-ecs-001");
        var finding = result.Single();
        Assert.Equal(2, result.ResourcesScanned);
        Assert.Equal("arn:aws:ecs:us-east-1:111122223333:task-definition/api:7", finding.ResourceId);
        Assert.Equal("Task definition api:7 runs privileged in container(s) agent.", finding.Description);
        Assert.Contains("--task-definition api --query taskDefinition --output json > task-definition.json\njq '", finding.Remediation!.Cli);
        Assert.Contains(".containerDefinitions |= map(del(.privileged))' task-definition.json > new-task-definition.json", finding.Remediation.Cli);
        Assert.Contains("aws ecs register-task-definition --region us-east-1 --cli-input-json file://new-task-definition.json", finding.Remediation.Cli);
        Assert.Contains("name       = \"agent\"", finding.Remediation.Terraform);
    }

    [Fact]
    public void A_container_without_a_log_driver_fails_aws_ecs_002()
    {
        var finding = TaskDefinitions(("api", [Container("app"), Container("agent", logs: false)])).Run("aws-ecs-002").Single();
        Assert.Equal("Task definition api:7 has no log configuration in container(s) agent.", finding.Description);
        Assert.Contains("aws logs create-log-group --region us-east-1 --log-group-name /ecs/api", finding.Remediation!.Cli);
        Assert.Contains("jq --arg group /ecs/api --arg region us-east-1 '", finding.Remediation.Cli);
        Assert.Contains("\"awslogs-group\"         = aws_cloudwatch_log_group.api.name", finding.Remediation.Terraform);
    }

    [Fact]
    public void Clean_task_definitions_pass_and_unreadable_ones_are_not_assessed()
    {
        Assert.Equal(CheckStatus.Pass, TaskDefinitions(("worker", [Container("worker")])).Run("aws-ecs-001").Status);
        var unreadable = new TestAccount("us-east-1").Answer(EcsCalls.ListTaskDefinitionFamilies, "us-east-1", """{"families": ["api"]}""")
            .DeniedTarget(EcsCalls.DescribeTaskDefinition, "us-east-1", "taskDefinition", "api");
        Assert.Equal(CheckStatus.NotAssessed, unreadable.Run("aws-ecs-002").Status);
    }

    private static TestAccount Services(params (string Name, bool Exec)[] services)
    {
        const string cluster = "arn:aws:ecs:us-east-1:111122223333:cluster/prod";
        var arns = services.Select(s => $"arn:aws:ecs:us-east-1:111122223333:service/prod/{s.Name}").ToList();
        var account = new TestAccount("us-east-1")
            .Answer(EcsCalls.ListClusters, "us-east-1", $$"""{"clusterArns": ["{{cluster}}"]}""")
            .Answer(EcsCalls.ListServices, "us-east-1", "cluster", cluster, $$"""{"serviceArns": [{{string.Join(",", arns.Select(a => $"\"{a}\""))}}]}""");
        foreach (var batch in EcsCalls.ServiceBatches("us-east-1", cluster, arns))
            account.Answer(EcsCalls.DescribeServices, batch, $$"""
                {"services": [{{string.Join(",", services.Select(s => $$"""
                    {"serviceArn": "arn:aws:ecs:us-east-1:111122223333:service/prod/{{s.Name}}", "serviceName": "{{s.Name}}",
                     "clusterArn": "{{cluster}}", "status": "ACTIVE", "enableExecuteCommand": {{(s.Exec ? "true" : "false")}}}
                    """))}}], "failures": []}
                """);
        return account;
    }

    [Fact]
    public void A_service_with_ecs_exec_fails()
    {
        var result = Services(("api", true), ("worker", false)).Run("aws-ecs-003");
        var finding = result.Single();
        Assert.Equal(2, result.ResourcesScanned);
        Assert.Equal("aws ecs update-service --region us-east-1 --cluster prod --service api --disable-execute-command --force-new-deployment",
            finding.Remediation!.Cli);
    }

    [Fact]
    public void Services_are_described_in_batches_of_ten_and_a_missing_batch_is_a_gap()
    {
        var arns = Enumerable.Range(0, 23).Select(i => $"svc{i}").ToList();
        Assert.Equal(3, EcsCalls.ServiceBatches("us-east-1", "c", arns).Count());
        var account = new TestAccount("us-east-1")
            .Answer(EcsCalls.ListClusters, "us-east-1", """{"clusterArns": ["c"]}""")
            .Answer(EcsCalls.ListServices, "us-east-1", "cluster", "c", """{"serviceArns": ["s1"]}""");
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-ecs-003").Status);
    }

    [Fact]
    public void No_clusters_is_not_applicable() =>
        Assert.Equal(CheckStatus.NotApplicable, new TestAccount("us-east-1").Answer(EcsCalls.ListClusters, "us-east-1", """{"clusterArns": []}""").Run("aws-ecs-003").Status);
}
