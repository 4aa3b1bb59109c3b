using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Ecs;

/// <summary>An ECS service lets operators open a shell in its containers (ECS Exec).</summary>
public sealed class ExecEnabledService : ResourceCheck<EcsService>
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ecs-003",
        Title = "ECS service with ECS Exec enabled",
        Service = "ECS",
        Severity = Severity.Medium,
        ResourceType = "AWS::ECS::Service",
        Description = "Lists every cluster's services in the scanned regions (ListClusters, ListServices, DescribeServices in "
            + "batches of 10) and fails each service whose enableExecuteCommand is true.",
        Rationale = "ECS Exec gives anyone allowed ecs:ExecuteCommand an interactive shell inside running production "
            + "containers, with the task role's credentials and the application's secrets in memory. It bypasses the "
            + "deployment pipeline entirely, and unless session logging is configured what is typed there is not recorded.",
        CommonCauses =
        [
            "Exec was turned on to debug an incident and left on.",
            "Service templates enable it everywhere so developers can inspect containers.",
        ],
        Recommendation = "Disable ECS Exec on production services; enable it temporarily, with session logging, when it is needed.",
        Remediation = new(
            Cli: "aws ecs update-service --region {region} --cluster {cluster} --service {service} --disable-execute-command --force-new-deployment",
            Terraform: """
                resource "aws_ecs_service" "{service:id}" {
                  name                   = {service}
                  cluster                = {cluster}
                  enable_execute_command = false
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html",
            Effort: Effort.Low),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [EcsCalls.ListClusters, EcsCalls.ListServices, EcsCalls.DescribeServices];

    protected override RegionalList<EcsService> List(CheckContext context) => context.Data.Ecs().Services();

    protected override string NoResources => "no ECS services in the scanned regions";

    protected override string ResourceId(Located<EcsService> service, CheckContext context) => service.Resource.ServiceArn;

    protected override void Judge(Located<EcsService> service, CheckContext context, Verdict verdict)
    {
        if (service.Resource.EnableExecuteCommand != true) return;
        var cluster = Inventory.Arn.TryParse(service.Resource.ClusterArn)?.Resource.Split('/').Last() ?? service.Resource.ClusterArn ?? "";
        verdict.Fail(service.Resource.ServiceArn, service.Region,
            $"Service {service.Resource.ServiceName} in cluster {cluster} allows ECS Exec shells into its containers.",
            new SlotValues().With("service", service.Resource.ServiceName).With("cluster", cluster));
    }
}
