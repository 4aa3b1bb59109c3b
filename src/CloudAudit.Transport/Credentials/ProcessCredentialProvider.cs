using System.Diagnostics;
using System.Text;

namespace CloudAudit.Transport.Credentials;

/// <summary>
/// A profile's <c>credential_process</c>: the command is split into words as a POSIX shell would (quotes,
/// backslashes) but run without a shell, as the AWS CLI runs it, and must print the Version 1 JSON document.
/// </summary>
internal sealed class ProcessCredentialProvider(string profile, string command) : ICredentialProvider
{
    public string Source => $"profile '{profile}' (credential_process)";

    public async Task<AwsCredentials> FetchAsync(CancellationToken cancellation)
    {
        var words = Split(command);
        if (words.Count == 0)
            throw new NoCredentialsException($"{Source} is empty");
        var start = new ProcessStartInfo(words[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var word in words.Skip(1))
            start.ArgumentList.Add(word);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new NoCredentialsException($"{Source} could not start {words[0]}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new NoCredentialsException($"{Source} could not start {words[0]}: {e.Message}", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellation);
            var errors = process.StandardError.ReadToEndAsync(cancellation);
            await process.WaitForExitAsync(cancellation).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                var first = (await errors.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
                throw new NoCredentialsException($"{Source} exited with code {process.ExitCode}{(first is null ? "" : $": {first}")}");
            }
            return CredentialDocument.Parse(await output.ConfigureAwait(false), Source, "SessionToken", requireVersion: true);
        }
    }

    /// <summary>POSIX shell word splitting without expansion: single quotes literal, double quotes and backslashes escape.</summary>
    internal static List<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            switch (c)
            {
                case '\'':
                    var close = line.IndexOf('\'', i + 1);
                    if (close < 0) throw new NoCredentialsException($"credential_process has an unclosed quote: {line}");
                    word.Append(line, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    for (i++; i < line.Length && line[i] != '"'; i++)
                        word.Append(line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`' ? line[++i] : line[i]);
                    if (i >= line.Length) throw new NoCredentialsException($"credential_process has an unclosed quote: {line}");
                    inWord = true;
                    break;
                case '\\' when i + 1 < line.Length:
                    word.Append(line[++i]);
                    inWord = true;
                    break;
                case ' ' or '\t':
                    if (inWord) words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
