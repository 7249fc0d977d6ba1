namespace Continuity.Cli;

public static class ContinuityCli
{
    public static async Task<int> Main(string[] args)
    {
        await Task.Yield();
        return args.Length;
    }
}
