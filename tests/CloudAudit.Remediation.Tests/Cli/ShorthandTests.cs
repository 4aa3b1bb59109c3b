namespace CloudAudit.Remediation.Tests.Cli;

public class ShorthandTests
{
    private static string Render(Shorthand.Node node) => node switch
    {
        Shorthand.Text t => t.Value,
        Shorthand.ListNode l => "[" + string.Join("|", l.Items.Select(Render)) + "]",
        Shorthand.MapNode m => "{" + string.Join(";", m.Entries.Select(e => $"{e.Key}:{Render(e.Value)}")) + "}",
        _ => throw new InvalidOperationException(),
    };

    [Theory]
    [InlineData("a=1,b=x", "{a:1;b:x}")]
    [InlineData("Values=a,b,c,Name=n", "{Values:[a|b|c];Name:n}")]
    [InlineData("a=[x,y],b={c=1,d=[2]}", "{a:[x|y];b:{c:1;d:[2]}}")]
    [InlineData("a='x,y',b=\"q=1\"", "{a:x,y;b:q=1}")]
    [InlineData("Key=Name,Value=my value", "{Key:Name;Value:my value}")]
    public void Parses_the_cli_shorthand(string text, string expected)
    {
        var (map, error) = Shorthand.Parse(text);
        Assert.Null(error);
        Assert.Equal(expected, Render(map!));
    }

    [Theory]
    [InlineData("justtext")]
    [InlineData("a=1,")]
    [InlineData("a=[1,2")]
    [InlineData("a={b=1")]
    [InlineData("a='open")]
    public void Rejects_what_is_not_shorthand(string text)
    {
        Assert.NotNull(Shorthand.Parse(text).Error);
    }
}
