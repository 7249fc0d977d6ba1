namespace Continuity.PlanFiles;

/// <summary>Where something is in a plan file. Line and column count from 1.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

public enum Severity { Error, Warning, Info }

/// <summary>One problem found in plan files: what, where, and what to do about it.</summary>
public sealed record Diagnostic(Severity Severity, string Code, string Message, SourceLocation? Location, string? Hint = null)
{
    /// <summary>The path of the field in its document (<c>spec.dependsOn[0].on</c>) where the rule
    /// knows it, so that a form can put the message next to its input.</summary>
    public string? Field { get; init; }

    public override string ToString() =>
        $"{(Location is null ? "" : Location + ": ")}{Severity.ToString().ToLowerInvariant()} {Code}: {Message}" +
        (Hint is null ? "" : $" ({Hint})");
}

/// <summary>The codes of problems in plan files (checks on the content of a valid plan have their own ids).</summary>
public static class PlanFileCodes
{
    public const string PathNotFound = "PF001";
    public const string NoPlanFiles = "PF002";
    public const string NotUtf8 = "PF003";
    public const string TabIndentation = "PF004";
    public const string YamlSyntax = "PF005";
    public const string NotARegularFile = "PF006";
    public const string BrokenLink = "PF007";
    public const string FileTooLarge = "PF008";
    public const string YamlLimit = "PF009";
    public const string UnknownKey = "PF010";
    public const string WrongType = "PF011";
    public const string InvalidValue = "PF012";
    public const string MissingField = "PF013";
    public const string UnknownApiVersion = "PF014";
    public const string UnknownKind = "PF015";
    public const string InvalidName = "PF016";
    public const string DuplicateId = "PF020";
    public const string UnknownReference = "PF021";
    public const string WrongKindOfReference = "PF022";
    public const string DependsOnItself = "PF023";
    public const string UnknownBiaScale = "PF024";
    public const string OrganisationCount = "PF025";
    public const string UnknownStep = "PF026";
    public const string UnknownCommunicationName = "PF027";
    public const string DependencyCycle = "PF030";
    public const string RtoNotShorterThanMtpd = "PF031";
}
