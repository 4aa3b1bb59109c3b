"""Seeds moto with one AWS account per scenario (usage: seed_scenarios.py ENDPOINT).

Each scenario builds its resources in its own account (see seeding.py); the scanner later reaches the same
account through `--role-arn arn:aws:iam::<account>:role/auditor`.

The metric filter patterns are those of the CIS AWS Foundations Benchmark v5.0, section 4.
"""
import json

from seeding import HOME, clients, s3control, session

CIS_FILTERS = {
    "4.1": '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
    "4.2": '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    "4.3": '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    "4.4": "{($.eventSource=iam.amazonaws.com) && (($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy))}",
    "4.5": "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }",
    "4.6": '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    "4.7": "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }",
    "4.8": "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }",
    "4.9": "{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel) ||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }",
    "4.10": "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) || ($.eventName = ModifySecurityGroupRules) }",
    "4.11": "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }",
    "4.12": "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }",
    "4.13": "{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }",
    "4.14": "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }",
    "4.15": '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
}

# An abbreviated 4.4 filter, as some guides print it: policy attach/detach only.
ABBREVIATED_4_4 = "{ ($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy) || ($.eventName = DetachUserPolicy) }"


# Alarm shapes (docs/cis-monitoring.md): control → how its alarm (and filter) differ from the CIS recommendation.
ALARM_SHAPES = {
    # Three evaluation periods: DatapointsToAlarm defaults to 3, so one event never fires it.
    "4.1": {"alarm": {"EvaluationPeriods": 3, "TreatMissingData": "notBreaching"}},
    # In ALARM between events: an event changes nothing.
    "4.2": {"alarm": {"TreatMissingData": "breaching"}},
    # Metric math that fires on one event: missing periods filled with 0.
    "4.3": {"math": "FILL(m1, 0)"},
    # Metric math that depends on the previous period: not decidable.
    "4.4": {"math": "RATE(m1)"},
    # A dense metric (default value 0) averaged over five minutes: one event gives 0.2 at most.
    "4.5": {"alarm": {"Statistic": "Average"}, "default_value": 0},
    # 1 of 3 breaching datapoints: fires.
    "4.6": {"alarm": {"EvaluationPeriods": 3, "DatapointsToAlarm": 1, "TreatMissingData": "notBreaching"}},
}

# Trails whose selectors leave events out (docs/cis-monitoring.md, "Trails that leave events out"), one kind each.
# Each keeps S3 object-level events (aws-ct-006/007), as the monitored account's trail does.
S3_OBJECTS = {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}
MANAGEMENT = {"Field": "eventCategory", "Equals": ["Management"]}
S3_OBJECT_EVENTS = {"Name": "s3-objects", "FieldSelectors": [
    {"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}]}
EXCLUDE_KMS = {"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": True,
                                   "ExcludeManagementEventSources": ["kms.amazonaws.com"], "DataResources": [S3_OBJECTS]}]}
NOT_SIGNIN = {"AdvancedEventSelectors": [{"Name": "mgmt", "FieldSelectors": [
    MANAGEMENT, {"Field": "eventSource", "NotEquals": ["signin.amazonaws.com"]}]}, S3_OBJECT_EVENTS]}
NOT_DELETE = {"AdvancedEventSelectors": [{"Name": "mgmt", "FieldSelectors": [
    MANAGEMENT, {"Field": "eventName", "NotStartsWith": ["Delete"]}]}, S3_OBJECT_EVENTS]}
# The same exclusion of KMS, with a second selector that records its key changes back: only 4.1 and 4.3 lose events.
KMS_KEY_CHANGES_BACK = {"AdvancedEventSelectors": [
    {"Name": "mgmt", "FieldSelectors": [MANAGEMENT, {"Field": "eventSource", "NotEquals": ["kms.amazonaws.com"]}]},
    {"Name": "key-changes", "FieldSelectors": [MANAGEMENT, {"Field": "eventSource", "Equals": ["kms.amazonaws.com"]},
                                               {"Field": "eventName", "Equals": ["DisableKey", "ScheduleKeyDeletion"]}]},
    S3_OBJECT_EVENTS]}


def alarm(cw, name, topic, disabled, shape):
    """The control's alarm: the CIS recommendation (Sum over 5 minutes >= 1, one period), reshaped by `shape`."""
    common = {"AlarmName": name, "Threshold": 1, "ComparisonOperator": "GreaterThanOrEqualToThreshold",
              "EvaluationPeriods": 1, "AlarmActions": [topic], "ActionsEnabled": not disabled}
    if "math" in shape:
        cw.put_metric_alarm(**common, Metrics=[
            {"Id": "m1", "MetricStat": {"Metric": {"Namespace": "CISBenchmark", "MetricName": name}, "Period": 300, "Stat": "Sum"},
             "ReturnData": False},
            {"Id": "e1", "Expression": shape["math"], "ReturnData": True}])
        return
    cw.put_metric_alarm(**{**common, "MetricName": name, "Namespace": "CISBenchmark", "Statistic": "Sum", "Period": 300,
                           **shape.get("alarm", {})})


def account_scenario(account, *, multi_region=True, logging=True, deliver=True, filters=None, disabled_alarm=None,
                     subscribed=True, shapes=None, selectors=None):
    s = session(account)
    c = clients(s)
    s3, ct, logs, cw, sns, sqs, kms = c("s3"), c("cloudtrail"), c("logs"), c("cloudwatch"), c("sns"), c("sqs"), c("kms")

    bucket, access_logs = f"trail-{account}", f"access-logs-{account}"
    s3.create_bucket(Bucket=access_logs)
    s3.create_bucket(Bucket=bucket)
    for b in (bucket, access_logs):
        s3.put_public_access_block(Bucket=b, PublicAccessBlockConfiguration={
            "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
    s3.put_bucket_acl(Bucket=access_logs, GrantWrite="uri=http://acs.amazonaws.com/groups/s3/LogDelivery",
                      GrantReadACP="uri=http://acs.amazonaws.com/groups/s3/LogDelivery")
    s3.put_bucket_logging(Bucket=bucket, BucketLoggingStatus={"LoggingEnabled": {"TargetBucket": access_logs, "TargetPrefix": "trail/"}})
    s3control(s).put_public_access_block(AccountId=account, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
    key = kms.create_key(Description="cloudtrail")["KeyMetadata"]["Arn"]

    group = "cloudtrail-logs"
    logs.create_log_group(logGroupName=group, kmsKeyId=key)
    group_arn = f"arn:aws:logs:{HOME}:{account}:log-group:{group}:*"
    trail = {"Name": "main", "S3BucketName": bucket, "IsMultiRegionTrail": multi_region, "EnableLogFileValidation": True,
             "IncludeGlobalServiceEvents": True, "KmsKeyId": key}
    if deliver:
        trail.update(CloudWatchLogsLogGroupArn=group_arn, CloudWatchLogsRoleArn=f"arn:aws:iam::{account}:role/cloudtrail-to-logs")
    ct.create_trail(**trail)
    ct.put_event_selectors(TrailName="main", **(selectors or {"EventSelectors": [{
        "ReadWriteType": "All", "IncludeManagementEvents": True,
        "DataResources": [S3_OBJECTS]}]}))
    if logging:
        ct.start_logging(Name="main")

    topic = sns.create_topic(Name="security-alerts")["TopicArn"]
    if subscribed:
        queue_url = sqs.create_queue(QueueName="security-alerts")["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)

    for control, pattern in (filters or CIS_FILTERS).items():
        name = "cis-" + control.replace(".", "-")
        shape = (shapes or {}).get(control, {})
        transformation = {"metricName": name, "metricNamespace": "CISBenchmark", "metricValue": "1"}
        if "default_value" in shape:
            transformation["defaultValue"] = shape["default_value"]
        logs.put_metric_filter(logGroupName=group, filterName=name, filterPattern=pattern, metricTransformations=[transformation])
        alarm(cw, name, topic, control == disabled_alarm, shape)

    for region in (HOME, "eu-west-1"):
        c("securityhub", region).enable_security_hub()


SCENARIOS = {
    "monitored": ("100000000001", {}),
    "abbreviated-4.4": ("100000000002", {"filters": {**CIS_FILTERS, "4.4": ABBREVIATED_4_4}}),
    "alarm-actions-disabled": ("100000000003", {"disabled_alarm": "4.3"}),
    "no-cloudwatch-delivery": ("100000000004", {"deliver": False}),
    "single-region-trail": ("100000000005", {"multi_region": False}),
    "stopped-trail": ("100000000006", {"logging": False}),
    "no-subscriber": ("100000000007", {"subscribed": False}),
    "alarm-shapes": ("100000000008", {"shapes": ALARM_SHAPES}),
    "exclude-kms": ("100000000009", {"selectors": EXCLUDE_KMS}),
    "advanced-not-signin": ("100000000010", {"selectors": NOT_SIGNIN}),
    "advanced-not-delete": ("100000000011", {"selectors": NOT_DELETE}),
    "kms-key-changes-back": ("100000000012", {"selectors": KMS_KEY_CHANGES_BACK}),
}

if __name__ == "__main__":
    for name, (account, options) in SCENARIOS.items():
        account_scenario(account, **options)
    print(json.dumps({name: account for name, (account, _) in SCENARIOS.items()}))
