namespace CloudAudit.Cli.Output;

/// <summary>
/// Writes output files atomically (temp file in the same folder, then rename) and never through a
/// symbolic link at the destination, so a planted link cannot redirect a report elsewhere and a
/// failed run never leaves a half-written file. <paramref name="mode"/> sets the new file's permissions
/// on Unix (the fix script is 0700); otherwise the usual defaults apply.
/// </summary>
public static class SafeFile
{
    public static void WriteAtomic(string path, Action<Stream> write, UnixFileMode? mode = null)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
            throw new UsageException($"output folder does not exist: {folder}");
        if (File.Exists(full) || Directory.Exists(full))
        {
            var info = new FileInfo(full);
            if (info.LinkTarget is not null)
                throw new UsageException($"refusing to write through a symbolic link: {path}");
            if (Directory.Exists(full))
                throw new UsageException($"output path is a folder: {path}");
        }
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (mode is { } permissions && !OperatingSystem.IsWindows())
                options.UnixCreateMode = permissions;
            using (var stream = new FileStream(temp, options))
                write(stream);
            if (mode is { } exact && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, exact); // the umask may have narrowed the create mode
            File.Move(temp, full, overwrite: true);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UsageException($"cannot write {path}: {e.Message}");
        }
        catch (IOException e)
        {
            throw new UsageException($"cannot write {path}: {e.Message}");
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
