using CloudAudit.Checks.Framework;

namespace CloudAudit.Checks.Tests.Framework;

public class RemediationRenderingTests
{
    private static RenderedRemediation Render(string cli, string terraform, SlotValues slots) =>
        new RemediationTemplate(cli, terraform, "https://docs.aws.amazon.com/", Effort.Low).Render(slots);

    [Theory]
    [InlineData("plain-name", "plain-name")]
    [InlineData("with space", "'with space'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("$(rm -rf /)", "'$(rm -rf /)'")]
    [InlineData("a;b|c&d`e`", "'a;b|c&d`e`'")]
    [InlineData("arn:aws:logs:us-east-1:1:log-group:x:*", "'arn:aws:logs:us-east-1:1:log-group:x:*'")]
    [InlineData("", "''")]
    public void Shell_slots_become_exactly_one_safe_word(string value, string expected)
    {
        Assert.Equal($"aws x --name {expected}", Render("aws x --name {v}", "", new SlotValues().With("v", value)).Cli);
    }

    [Theory]
    [InlineData("simple", "\"simple\"")]
    [InlineData("quote\"back\\slash", "\"quote\\\"back\\\\slash\"")]
    [InlineData("${file(\"/etc/passwd\")}", "\"$${file(\\\"/etc/passwd\\\")}\"")]
    [InlineData("%{if true}x%{endif}", "\"%%{if true}x%%{endif}\"")]
    [InlineData("line\nbreak", "\"line\\nbreak\"")]
    public void Hcl_slots_become_inert_string_literals(string value, string expected)
    {
        Assert.Equal($"name = {expected}", Render("", "name = {v}", new SlotValues().With("v", value)).Terraform);
    }

    [Theory]
    [InlineData("my-bucket.logs", "my_bucket_logs")]
    [InlineData("123abc", "r_123abc")]
    [InlineData("--", "r_")]
    public void Identifier_slots_become_valid_terraform_names(string value, string expected)
    {
        Assert.Equal($"resource \"x\" \"{expected}\" {{}}", Render("", "resource \"x\" \"{v:id}\" {}", new SlotValues().With("v", value)).Terraform);
    }

    [Fact]
    public void Unknowable_values_render_as_placeholders_in_each_language()
    {
        var rendered = Render("aws x --topic {t}", "topic = {t}", new SlotValues().Placeholder("t", "SNS_TOPIC_ARN"));
        Assert.Equal("aws x --topic <SNS_TOPIC_ARN>", rendered.Cli);
        Assert.Equal("topic = \"<SNS_TOPIC_ARN>\"", rendered.Terraform);
    }

    [Fact]
    public void A_missing_slot_value_is_an_error_not_a_silent_blank()
    {
        Assert.Throws<KeyNotFoundException>(() => Render("aws x --name {missing}", "", new SlotValues()));
    }

    [Fact]
    public void Raw_slots_refuse_shell_metacharacters()
    {
        Assert.Throws<ArgumentException>(() => Render("aws x --count {n:raw}", "", new SlotValues().With("n", "1; rm -rf /")));
    }
}
