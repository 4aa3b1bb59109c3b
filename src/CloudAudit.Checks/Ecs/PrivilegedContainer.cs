using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Ecs;

/// <summary>A container in a task definition runs in privileged mode.</summary>
public sealed class PrivilegedContainer : TaskDefinitionCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ecs-001",
        Title = "ECS task definition runs a privileged container",
        Service = "ECS",
        Severity = Severity.Critical,
        ResourceType = "AWS::ECS::TaskDefinition",
        Description = "Reads the latest ACTIVE revision of every task definition family in the scanned regions "
            + "(ListTaskDefinitionFamilies, then DescribeTaskDefinition by family name) and fails each one with a container "
            + "whose privileged parameter is true.",
        Rationale = "A privileged container has every Linux capability and access to the host's devices: escaping to the EC2 "
            + "container instance is routine, and from there an attacker reaches every other task on the host, the instance "
            + "role's credentials and the ECS agent. Monitoring and security sidecars are the usual culprits, and they run in every task.",
        CommonCauses =
        [
            "A monitoring or security agent sidecar was added with privileged mode because its installation guide said so.",
            "Docker-in-Docker builds or debugging tools were given privileged mode to make them work.",
            "A task definition was copied from a single-purpose host where privileged mode seemed harmless.",
        ],
        Recommendation = "Register a revision without privileged mode, granting only the specific Linux capabilities the container needs.",
        Remediation = new(
            Cli: ReviseCli("", ".containerDefinitions |= map(del(.privileged))") + """

                # Then update the services that use {family} to the new revision.
                """,
            Terraform: """
                locals {
                  {family:id}_{container:id} = {
                    name       = {container}
                    image      = {image}
                    essential  = true
                    privileged = false
                  }
                }

                # Every container definition without privileged mode (grant single capabilities with linuxParameters instead).
                # In the aws_ecs_task_definition resource that manages {family}:
                resource "aws_ecs_task_definition" "{family:id}" {
                  family                = {family}
                  container_definitions = jsonencode([local.{family:id}_{container:id}])
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security",
            Effort: Effort.Medium),
    };

    protected override bool Fails(EcsContainerDefinition container) => container.Privileged == true;

    protected override string Problem => "runs privileged";
}
