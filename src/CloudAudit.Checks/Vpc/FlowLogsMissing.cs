using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Vpc;

/// <summary>CIS 3.7 (v3 and v5): every VPC has an active flow log that records rejected traffic.</summary>
public sealed class FlowLogsMissing : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-vpc-003",
        Title = "VPC without active flow logs",
        Service = "VPC",
        Severity = Severity.Medium,
        ResourceType = "AWS::EC2::VPC",
        Description = "For every VPC the account owns in the scanned regions (DescribeVpcs), looks for a flow log attached "
            + "to the VPC itself (DescribeFlowLogs, ResourceId = the VPC ID) that is ACTIVE, is not failing to deliver, and "
            + "records REJECT or ALL traffic, as the CIS audit asks. Flow logs on single subnets or network interfaces do "
            + "not cover the VPC and do not count. A default VPC with no network interfaces is reported as LOW (deleting "
            + "it is the better fix).",
        Rationale = "Flow logs are the only record of which addresses talked to what inside a VPC. Without them an "
            + "investigation cannot tell whether a compromised instance scanned the network, which hosts it reached, or "
            + "where data went; rejected-traffic records are also the first sign of probing and misrouted traffic.",
        CommonCauses =
        [
            "VPCs created by hand or by older templates that did not add a flow log.",
            "Flow logs were turned off, or narrowed to accepted traffic, to save on log storage.",
            "The IAM role or bucket policy the flow log delivers through was changed, so delivery fails.",
        ],
        Recommendation = "Create a flow log on the VPC that captures all traffic (or at least rejected traffic) to S3 or CloudWatch Logs.",
        Remediation = new(
            Cli: "aws ec2 create-flow-logs --region {region} --resource-type VPC --resource-ids {vpc_id} --traffic-type ALL "
                + "--log-destination-type s3 --log-destination <FLOW_LOG_BUCKET_ARN>",
            Terraform: """
                resource "aws_flow_log" "{vpc_id:id}" {
                  vpc_id               = {vpc_id}
                  traffic_type         = "ALL"
                  log_destination_type = "s3"
                  log_destination      = "<FLOW_LOG_BUCKET_ARN>"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v3: "3.7", v5: "3.7"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } =
        [Ec2Calls.DescribeVpcs, MonitoringCalls.DescribeFlowLogs, Ec2Calls.DescribeNetworkInterfaces];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var vpc = context.Data.Vpc();
        foreach (var region in context.Regions)
        {
            if (!verdict.Read(vpc.Vpcs(region), out var vpcs))
                continue;
            var own = vpcs.Where(v => v.OwnerId is null || v.OwnerId == context.AccountId).ToList();
            if (own.Count == 0 || !verdict.Read(vpc.FlowLogs(region), out var flowLogs))
                continue;
            // Interfaces only tell an unused default VPC apart; without them the finding keeps its severity.
            var interfaces = vpc.NetworkInterfaces(region).Value;
            foreach (var network in own)
            {
                verdict.Scanned(network.VpcId);
                var logs = flowLogs.Where(f => f.ResourceId == network.VpcId).ToList();
                if (logs.Any(Qualifies))
                    continue;
                var unusedDefault = network.Default && interfaces is not null && interfaces.All(i => i.VpcId != network.VpcId);
                verdict.Fail(network.VpcId, region, $"VPC {network.Label} {Shortfall(logs)}"
                        + (unusedDefault ? "; it is an unused default VPC, which could simply be deleted." : "."),
                    new SlotValues().With("vpc_id", network.VpcId),
                    severity: unusedDefault ? Severity.Low : null);
            }
        }
        if (verdict.ResourcesScanned == 0)
            verdict.NotApplicable("the account owns no VPC in the scanned regions");
    }

    private static bool Qualifies(VpcFlowLog log) =>
        log.FlowLogStatus == "ACTIVE" && log.DeliverLogsStatus != "FAILED" && log.TrafficType is "ALL" or "REJECT";

    private static string Shortfall(IReadOnlyList<VpcFlowLog> logs)
    {
        if (logs.Count == 0)
            return "has no flow log";
        var reasons = logs.Select(l => l.FlowLogStatus != "ACTIVE" ? $"{l.FlowLogId} is {l.FlowLogStatus}"
            : l.DeliverLogsStatus == "FAILED" ? $"{l.FlowLogId} fails to deliver ({l.DeliverLogsErrorMessage})"
            : $"{l.FlowLogId} records {l.TrafficType} traffic only, not rejected traffic");
        return $"has no working flow log that records rejected traffic: {string.Join("; ", reasons)}";
    }
}
