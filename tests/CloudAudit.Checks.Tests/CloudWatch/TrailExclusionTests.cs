using CloudAudit.Checks.CloudTrail;
using CloudAudit.Checks.CloudWatch;
using CloudAudit.Checks.CloudWatch.FilterPatterns;
using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Views;
using static CloudAudit.Checks.Tests.CloudWatch.CisMonitoringAlarmTests;

namespace CloudAudit.Checks.Tests.CloudWatch;

/// <summary>
/// Trails whose event selectors leave out events a CIS monitoring control needs: every row of the table in
/// docs/cis-monitoring.md against all fifteen controls, and what the finding says and proposes.
/// </summary>
public class TrailExclusionTests
{
    public static TheoryData<string> DocumentedExclusions => new(DocumentedTable.Rows("cis-monitoring.md", "| event selectors (GetEventSelectors) |"));

    [Theory]
    [MemberData(nameof(DocumentedExclusions))]
    public void Each_documented_exclusion_breaks_exactly_its_controls(string row)
    {
        var cells = DocumentedTable.Cells(row);
        var selectors = cells[0];
        var expected = cells[1] switch
        {
            "none" => [],
            "all" => CisMonitoringControls.All.Select(c => c.Id).ToList(),
            var list => list.Split(',').Select(c => c.Trim()).ToList(),
        };

        var broken = new List<string>();
        foreach (var control in CisMonitoringControls.All)
        {
            var monitoring = CisMonitoringAlarms.Rows.Single(r => r.ControlId == control.Id);
            var result = CisMonitoringAlarmTests.Account(control.Id, new Setup(control.RecommendedPattern, Selectors: selectors)).Run(monitoring.CheckId);
            if (result.Status == CheckStatus.Fail)
            {
                Assert.Contains("does not record", Assert.Single(result.Findings).Description);
                broken.Add(control.Id);
            }
            else
                Assert.True(result.Status == CheckStatus.Pass, $"{monitoring.CheckId}: {result.Status} {result.Reason}");
        }

        Assert.Equal(expected, broken);
    }

    [Fact]
    public void The_finding_names_the_trail_the_events_and_the_setting_and_fixes_the_selectors()
    {
        const string selectors = """
            {"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true, "ExcludeManagementEventSources": ["kms.amazonaws.com"],
              "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}]}
            """;
        var finding = CisMonitoringAlarmTests.Account("4.7", new Setup(CisMonitoringControls.Get("4.7").RecommendedPattern, Selectors: selectors)).Run("aws-cw-007").Single();

        Assert.Equal("arn:aws:cloudtrail:us-east-1:111122223333:trail/main", finding.ResourceId);
        Assert.Equal("CIS 4.7 is not monitored: trail main does not record DisableKey, ScheduleKeyDeletion: its event selector excludes kms.amazonaws.com (ExcludeManagementEventSources).",
            finding.Description);
        Assert.Contains("--event-selectors '[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true,\"DataResources\":[{\"Type\":\"AWS::S3::Object\",\"Values\":[\"arn:aws:s3\"]}],\"ExcludeManagementEventSources\":[]}]'",
            finding.Remediation!.Cli);
        Assert.Contains("aws cloudtrail put-event-selectors --region us-east-1", finding.Remediation.Cli);
    }

    [Fact]
    public void The_every_service_controls_name_what_the_exclusion_singles_out()
    {
        const string selectors = """
            {"AdvancedEventSelectors": [{"Name": "mgmt", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]},
              {"Field": "eventSource", "NotEquals": ["rdsdata.amazonaws.com"]}]},
              {"Name": "lambda-data", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::Lambda::Function"]}]}]}
            """;
        var finding = CisMonitoringAlarmTests.Account("4.1", new Setup(CisMonitoringControls.Get("4.1").RecommendedPattern, Selectors: selectors)).Run("aws-cw-002").Single();

        Assert.Contains("trail main does not record events from rdsdata.amazonaws.com: its advanced event selector 'mgmt' sets eventSource NotEquals rdsdata.amazonaws.com; CIS 4.1 watches every service's events",
            finding.Description);
        // The management selector loses its exclusion; the data-event selector is kept as it was.
        Assert.Contains("""--advanced-event-selectors '[{"Name":"mgmt","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]},{"Name":"lambda-data","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::Lambda::Function"]}]}]'""",
            finding.Remediation!.Cli);
    }

    [Fact]
    public void A_caller_condition_keeps_only_some_callers_events()
    {
        var selectors = Selectors("""
            {"AdvancedEventSelectors": [{"Name": "mgmt", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]},
              {"Field": "userIdentity.arn", "NotStartsWith": ["arn:aws:sts::111122223333:assumed-role/deploy/"]}]}]}
            """);
        var recording = EventSelection.Of(selectors, CisMonitoringControls.Get("4.4").RequiredEvents[0]);
        Assert.False(recording.Recorded);
        Assert.Equal("its advanced event selector 'mgmt' keeps only events whose userIdentity.arn NotStartsWith arn:aws:sts::111122223333:assumed-role/deploy/", recording.Exclusion);
    }

    [Theory]
    [InlineData("""{"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true}]}""", true, true)]
    [InlineData("""{"EventSelectors": [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": true}]}""", false, true)]
    [InlineData("""{"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": false}]}""", false, false)]
    [InlineData("""{"AdvancedEventSelectors": [{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}, {"Field": "readOnly", "Equals": ["true"]}]}]}""", true, false)]
    [InlineData("""{"AdvancedEventSelectors": [{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}, {"Field": "readOnly", "NotEquals": ["true"]}]}]}""", false, true)]
    [InlineData("""{"AdvancedEventSelectors": [{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]}]}]}""", false, false)]
    [InlineData("""{"AdvancedEventSelectors": [{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}, {"Field": "eventSource", "NotEquals": ["kms.amazonaws.com"]}]}]}""", true, true)]
    public void Read_and_write_management_events_are_told_apart(string json, bool reads, bool writes)
    {
        var selectors = Selectors(json);
        Assert.Equal(reads, EventSelection.RecordsManagementEvents(selectors, readOnly: true));
        Assert.Equal(writes, EventSelection.RecordsManagementEvents(selectors, readOnly: false));
    }

    private static TrailEventSelectors Selectors(string json) => System.Text.Json.JsonSerializer.Deserialize<TrailEventSelectors>(json)!;
}
