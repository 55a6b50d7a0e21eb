namespace nanoFramework.TestFramework;

/// <summary>Marks a class whose [TestMethod]s are run.</summary>
[AttributeUsage(AttributeTargets.Class)]
public class TestClassAttribute : Attribute
{
    public virtual TestMethodAttribute GetTestMethodAttribute(TestMethodAttribute testMethodAttribute) => testMethodAttribute;
}

[AttributeUsage(AttributeTargets.Method)]
public class TestMethodAttribute : Attribute
{
}

/// <summary>Runs once per test class, before its first test (nanoFramework semantics, not per test).</summary>
[AttributeUsage(AttributeTargets.Method)]
public class SetupAttribute : Attribute
{
}

/// <summary>Runs once per test class, after its last test.</summary>
[AttributeUsage(AttributeTargets.Method)]
public class CleanupAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public class DataRowAttribute : Attribute
{
    public DataRowAttribute(params object[] methodParameters)
    {
        MethodParameters = methodParameters;
    }

    public object[] MethodParameters { get; }
}
