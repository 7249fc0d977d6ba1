namespace Continuity.Store;

/// <summary>One element that both the files and the app changed since the files' base revision,
/// or that changed since the caller read it. <see cref="Fields"/> are the fields both sides
/// changed, or every field either side changed when they changed different ones.</summary>
public sealed record ElementConflict(string Element, IReadOnlyList<string> Fields);

/// <summary>The plan changed meanwhile, so nothing was written (ADR 005; exit code 4, HTTP 409/412).</summary>
public sealed class PlanConflictException : Exception
{
    public PlanConflictException(string message, IReadOnlyList<ElementConflict> conflicts)
        : base(message)
    {
        Conflicts = conflicts;
    }

    public PlanConflictException()
        : this("The plan changed meanwhile; nothing was changed.", [])
    {
    }

    public PlanConflictException(string message)
        : this(message, [])
    {
    }

    public PlanConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        Conflicts = [];
    }

    public IReadOnlyList<ElementConflict> Conflicts { get; }
}

/// <summary>The element named does not exist (HTTP 404).</summary>
public sealed class ElementNotFoundException : Exception
{
    public ElementNotFoundException(string element)
        : base($"There is no {element}.")
    {
        Element = element;
    }

    public ElementNotFoundException()
        : this("such element")
    {
    }

    public ElementNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        Element = "";
    }

    public string Element { get; } = "";
}

/// <summary>One problem with a proposed change: the field (a path such as
/// <c>spec.objectives.rto</c>; empty for the element as a whole) and what is wrong.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>A proposed change breaks the plan's rules; nothing was written (HTTP 400, one error per field).</summary>
public sealed class PlanValidationException : Exception
{
    public PlanValidationException(IReadOnlyList<FieldError> errors)
        : base(string.Join(" ", errors.Select(e => e.Field.Length == 0 ? e.Message : $"{e.Field}: {e.Message}")))
    {
        Errors = errors;
    }

    /// <summary>A change refused for one reason, with the details (each reference that remains, for example) after it.</summary>
    public PlanValidationException(string message, IReadOnlyList<FieldError> details)
        : base(message)
    {
        Errors = [new FieldError("", message), .. details];
    }

    public PlanValidationException()
        : this([])
    {
    }

    public PlanValidationException(string message)
        : this([new FieldError("", message)])
    {
    }

    public PlanValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new FieldError("", message)];
    }

    public IReadOnlyList<FieldError> Errors { get; }
}
