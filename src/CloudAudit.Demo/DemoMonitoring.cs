using System.Text.Json.Nodes;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Demo;

/// <summary>
/// Production's CIS metric filters and alarms on the audit trail's log group, with the slips real
/// accounts have: an abbreviated pattern, an && that should be ||, an alarm with actions disabled,
/// a topic nobody confirmed, an alarm that needs three breaching periods, a filter without an alarm, and a
/// control never set up. Flow logs in
/// two regions, one log group unencrypted. Development delivers nothing to CloudWatch Logs.
/// </summary>
internal sealed class DemoMonitoring : IDemoPart
{
    private sealed record Control(string Number, string Pattern, string Alarm);

    // Alarm kinds: "ok" (security-alerts, confirmed), "disabled" (actions off), "pending" (unconfirmed topic), "none",
    // "3of3" (needs three breaching periods, which one event never gives).
    private static readonly Control[] Controls =
    [
        new("4.1", "{ (($.errorCode = \\\"*UnauthorizedOperation\\\") || ($.errorCode = \\\"AccessDenied*\\\")) && ($.sourceIPAddress != \\\"delivery.logs.amazonaws.com\\\") && ($.eventName != \\\"HeadBucket\\\") }", "ok"),
        new("4.2", "{ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != Yes) && ($.userIdentity.type = IAMUser) && ($.responseElements.ConsoleLogin = Success) }", "ok"),
        new("4.3", "{ $.userIdentity.type = Root && $.userIdentity.invokedBy NOT EXISTS && $.eventType != AwsServiceEvent }", "ok"),
        // Copied from an old runbook that abbreviated the list: most policy APIs are missing.
        new("4.4", "{ ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) }", "ok"),
        new("4.5", "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }", "disabled"),
        new("4.6", "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \\\"Failed authentication\\\") }", "pending"),
        // && where || is meant: matches nothing.
        new("4.7", "{ ($.eventSource = kms.amazonaws.com) && ($.eventName = DisableKey) && ($.eventName = ScheduleKeyDeletion) }", "ok"),
        new("4.8", "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }", "ok"),
        new("4.9", "{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }", "ok"),
        // The CIS v3.0 list, before ModifySecurityGroupRules was added.
        new("4.10", "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }", "ok"),
        // The alarm was copied from a CPU alarm: three breaching periods out of three.
        new("4.11", "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }", "3of3"),
        new("4.12", "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }", "none"),
        new("4.13", "{ ($.eventSource = ec2.amazonaws.com) && ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }", "ok"),
        new("4.15", "{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = AcceptHandshake) || ($.eventName = AttachPolicy) || ($.eventName = CreateAccount) || ($.eventName = CreateOrganizationalUnit) || ($.eventName = CreatePolicy) || ($.eventName = DeclineHandshake) || ($.eventName = DeleteOrganization) || ($.eventName = DeleteOrganizationalUnit) || ($.eventName = DeletePolicy) || ($.eventName = DetachPolicy) || ($.eventName = DisablePolicyType) || ($.eventName = EnablePolicyType) || ($.eventName = InviteAccountToOrganization) || ($.eventName = LeaveOrganization) || ($.eventName = MoveAccount) || ($.eventName = RemoveAccountFromOrganization) || ($.eventName = UpdatePolicy) || ($.eventName = UpdateOrganizationalUnit)) }", "ok"),
    ];

    // The security account's filters: every control, written in the different ways CIS versions and
    // teams write them (quoted or not, spaced or not, in any order); all are correct.
    private static readonly Control[] ByTheBook =
    [
        new("4.1", "{ ($.errorCode =*UnauthorizedOperation) || ($.errorCode =AccessDenied*) && ($.sourceIPAddress!=delivery.logs.amazonaws.com) && ($.eventName!=HeadBucket) }", "ok"),
        new("4.2", "{ ($.eventName = \\\"ConsoleLogin\\\") && ($.additionalEventData.MFAUsed != \\\"Yes\\\") }", "ok"),
        new("4.3", "{ $.userIdentity.type = \\\"Root\\\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \\\"AwsServiceEvent\\\" }", "ok"),
        new("4.4", "{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}", "ok"),
        new("4.5", "{ ($.eventName = StopLogging) || ($.eventName = DeleteTrail) || ($.eventName = UpdateTrail) || ($.eventName = CreateTrail) || ($.eventName = StartLogging) }", "ok"),
        new("4.6", "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \\\"Failed authentication\\\") }", "ok"),
        new("4.7", "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }", "ok"),
        new("4.8", "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }", "ok"),
        new("4.9", "{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }", "ok"),
        new("4.10", "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) || ($.eventName = ModifySecurityGroupRules) }", "ok"),
        new("4.11", "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }", "ok"),
        new("4.12", "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }", "ok"),
        new("4.13", "{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }", "ok"),
        new("4.14", "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }", "ok"),
        Controls[^1],
    ];

    public void Production(DemoRecorder a, DemoClock clock)
    {
        RecordControls(a, clock, DemoCloudTrail.AuditLogGroup(a.AccountId), DemoKms.CloudTrailKey, Controls);
        RecordFlowLogs(a, clock, new()
        {
            ["us-east-1"] = ("vpc-0a1b2c3d4e5f60718", "vpc-flow-logs/prod-us", DemoKms.KeyArn(a.AccountId, "us-east-1", DemoKms.FlowLogsKey)),
            ["eu-west-1"] = ("vpc-0f1e2d3c4b5a69788", "vpc-flow-logs/prod-eu", null),
        });
    }

    // An SCP denies every EC2 read in eu-west-1 (see DemoEc2), flow logs included.
    public void Development(DemoRecorder a, DemoClock clock) => RecordFlowLogs(a, clock, new(), deniedRegion: "eu-west-1");

    public void Security(DemoRecorder a, DemoClock clock)
    {
        RecordControls(a, clock, DemoCloudTrail.SecurityLogGroup, DemoKms.SecurityKey, ByTheBook);
        RecordFlowLogs(a, clock, new()
        {
            ["us-east-1"] = ("vpc-05e4d3c2b1a098765", "vpc-flow-logs/security", DemoKms.KeyArn(a.AccountId, "us-east-1", DemoKms.SecurityKey)),
        });
    }

    /// <summary>Metric filters on the trail log group, alarms on their metrics, and the two alarm topics.</summary>
    private static void RecordControls(DemoRecorder a, DemoClock clock, string logGroup, string keyId, Control[] controls)
    {
        var id = a.AccountId;
        var securityTopic = $"arn:aws:sns:us-east-1:{id}:security-alerts";
        var opsTopic = $"arn:aws:sns:us-east-1:{id}:ops-notifications";

        var filters = controls.Select(c => $$"""
            {"filterName": "CIS-{{c.Number}}", "filterPattern": "{{c.Pattern}}", "logGroupName": "{{logGroup}}",
             "creationTime": {{clock.EpochMillisDaysAgo(300)}},
             "metricTransformations": [{"metricName": "CIS-{{c.Number.Replace('.', '-')}}", "metricNamespace": "CISBenchmark", "metricValue": "1"}]}
            """);
        a.Target(MonitoringCalls.DescribeTrailMetricFilters, "us-east-1", Params(("logGroupName", logGroup)),
            $$"""{"metricFilters": [{{string.Join(",", filters)}}]}""");

        var alarms = controls.Where(c => c.Alarm != "none").Select(c => $$"""
            {"AlarmName": "CIS-{{c.Number}}", "AlarmArn": "arn:aws:cloudwatch:us-east-1:{{id}}:alarm:CIS-{{c.Number}}",
             "ActionsEnabled": {{(c.Alarm == "disabled" ? "false" : "true")}},
             "OKActions": [], "AlarmActions": ["{{(c.Alarm == "pending" ? opsTopic : securityTopic)}}"], "InsufficientDataActions": [],
             "StateValue": "OK", "StateReason": "Threshold Crossed: no datapoints were received for 1 period.",
             "MetricName": "CIS-{{c.Number.Replace('.', '-')}}", "Namespace": "CISBenchmark", "Statistic": "Sum", "Dimensions": [],
             "Period": 300, "EvaluationPeriods": {{(c.Alarm == "3of3" ? 3 : 1)}}, "DatapointsToAlarm": {{(c.Alarm == "3of3" ? 3 : 1)}}, "Threshold": 1.0,
             "ComparisonOperator": "GreaterThanOrEqualToThreshold", "TreatMissingData": "notBreaching"}
            """);
        a.Target(MonitoringCalls.DescribeTrailRegionAlarms, "us-east-1", Params(("AlarmTypes", new JsonArray("MetricAlarm"))),
            $$"""{"MetricAlarms": [{{string.Join(",", alarms)}}], "CompositeAlarms": []}""");

        a.Target(MonitoringCalls.ListAlarmTopicSubscriptions, "us-east-1", Params(("TopicArn", securityTopic)), $$"""
            {"Subscriptions": [
              {"SubscriptionArn": "{{securityTopic}}:8d1c52f4-6a0e-4f7b-9b1d-2f3e4a5b6c7d", "Owner": "{{id}}", "Protocol": "email", "Endpoint": "secops@northwind.example", "TopicArn": "{{securityTopic}}"},
              {"SubscriptionArn": "PendingConfirmation", "Owner": "{{id}}", "Protocol": "email", "Endpoint": "ciso@northwind.example", "TopicArn": "{{securityTopic}}"}]}
            """);
        a.Target(MonitoringCalls.ListAlarmTopicSubscriptions, "us-east-1", Params(("TopicArn", opsTopic)), $$"""
            {"Subscriptions": [{"SubscriptionArn": "PendingConfirmation", "Owner": "{{id}}", "Protocol": "email", "Endpoint": "ops-team@northwind.example", "TopicArn": "{{opsTopic}}"}]}
            """);

        a.Target(MonitoringCalls.DescribeTrailLogGroups, "us-east-1", Params(("logGroupNamePrefix", logGroup)), $$"""
            {"logGroups": [{"logGroupName": "{{logGroup}}", "creationTime": {{clock.EpochMillisDaysAgo(412)}}, "retentionInDays": 365,
              "metricFilterCount": {{controls.Length}}, "arn": "arn:aws:logs:us-east-1:{{id}}:log-group:{{logGroup}}:*",
              "kmsKeyId": "{{DemoKms.KeyArn(id, "us-east-1", keyId)}}", "storedBytes": 48213377012}]}
            """);
    }

    /// <summary>Flow logs per region (VPC, log group, KMS key), with the log groups of every region listed.</summary>
    private static void RecordFlowLogs(DemoRecorder a, DemoClock clock, Dictionary<string, (string Vpc, string LogGroup, string? Key)> flowLogs,
        string? deniedRegion = null)
    {
        var id = a.AccountId;
        foreach (var region in a.Regions)
        {
            var groups = new List<string>
            {
                $$"""{"logGroupName": "/aws/lambda/northwind-ingest", "creationTime": {{clock.EpochMillisDaysAgo(200)}}, "retentionInDays": 30, "arn": "arn:aws:logs:{{region}}:{{id}}:log-group:/aws/lambda/northwind-ingest:*", "storedBytes": 1048576}""",
            };
            if (region == deniedRegion)
                a.Failure(MonitoringCalls.DescribeFlowLogs, region, null, Inventory.Snapshot.ErrorKind.AccessDenied, "UnauthorizedOperation",
                    $"You are not authorized to perform this operation. User: arn:aws:sts::{id}:assumed-role/SecurityAudit/scan is not authorized to perform: ec2:DescribeFlowLogs with an explicit deny in a service control policy", 403);
            else if (flowLogs.TryGetValue(region, out var flow))
            {
                a.Regional(MonitoringCalls.DescribeFlowLogs, region, $$"""
                    {"FlowLogs": [{"FlowLogId": "fl-{{flow.Vpc[4..]}}", "ResourceId": "{{flow.Vpc}}", "TrafficType": "ALL",
                      "LogDestinationType": "cloud-watch-logs", "LogGroupName": "{{flow.LogGroup}}", "FlowLogStatus": "ACTIVE",
                      "DeliverLogsStatus": "SUCCESS", "DeliverLogsPermissionArn": "arn:aws:iam::{{id}}:role/VpcFlowLogs",
                      "CreationTime": "{{clock.DaysAgo(250)}}", "MaxAggregationInterval": 600}]}
                    """);
                var key = flow.Key is null ? "" : $", \"kmsKeyId\": \"{flow.Key}\"";
                groups.Add($$"""{"logGroupName": "{{flow.LogGroup}}", "creationTime": {{clock.EpochMillisDaysAgo(250)}}, "retentionInDays": 90, "arn": "arn:aws:logs:{{region}}:{{id}}:log-group:{{flow.LogGroup}}:*", "storedBytes": 9876543210{{key}}}""");
            }
            else
            {
                a.Regional(MonitoringCalls.DescribeFlowLogs, region, """{"FlowLogs": []}""");
            }
            a.Regional(MonitoringCalls.DescribeLogGroups, region, $$"""{"logGroups": [{{string.Join(",", groups)}}]}""");
        }
    }
}
