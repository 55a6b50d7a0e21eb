using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Xunit.Abstractions;

namespace nanoFramework.TestFramework.Runner;

/// <summary>Runs nanoFramework-style test cases with the launcher's semantics: one instance per test class,
/// its [Setup] once before the first test of the class and its [Cleanup] once after the last (on dispose).
/// Use it as an xunit class fixture.</summary>
public sealed class NanoTestSession : IDisposable
{
    private readonly ConcurrentDictionary<Type, Lazy<object>> _instances = new();
    private readonly Assembly _assembly;

    public NanoTestSession(Assembly assembly)
    {
        _assembly = assembly;
    }

    public void Run(NanoTestCase testCase, ITestOutputHelper? output = null)
    {
        var type = _assembly.GetType(testCase.TypeName, throwOnError: true)!;
        var method = NanoTestDiscovery.TestMethods(type).Single(m => m.Name == testCase.MethodName);
        object? instance = method.IsStatic ? null : _instances.GetOrAdd(type, t => new Lazy<object>(() => CreateAndSetUp(t))).Value;
        object?[]? args = null;
        if (testCase.DataRowIndex >= 0)
        {
            var row = method.GetCustomAttributes<DataRowAttribute>().ElementAt(testCase.DataRowIndex);
            args = ConvertArguments(method, row.MethodParameters);
        }

        var log = OutputHelper.BeginCapture();
        try
        {
            method.Invoke(instance, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is SkipTestException skip)
        {
            output?.WriteLine("skipped on purpose: " + skip.Message);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
        finally
        {
            if (log.Length > 0) output?.WriteLine(log.ToString());
        }
    }

    public void Dispose()
    {
        foreach (var (type, lazy) in _instances)
        {
            if (!lazy.IsValueCreated) continue;
            foreach (var cleanup in type.GetMethods().Where(m => m.GetCustomAttribute<CleanupAttribute>() is not null))
                cleanup.Invoke(cleanup.IsStatic ? null : lazy.Value, null);
        }
    }

    private static object CreateAndSetUp(Type type)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var setup in type.GetMethods().Where(m => m.GetCustomAttribute<SetupAttribute>() is not null))
        {
            try
            {
                setup.Invoke(setup.IsStatic ? null : instance, null);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            }
        }

        return instance;
    }

    private static object?[] ConvertArguments(MethodInfo method, object[] values)
    {
        var parameters = method.GetParameters();
        if (parameters.Length != values.Length)
            throw new InvalidOperationException($"{method.DeclaringType!.Name}.{method.Name} takes {parameters.Length} parameters but a DataRow gives {values.Length}.");
        var args = new object?[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            var target = parameters[i].ParameterType;
            args[i] = values[i] is null || target.IsInstanceOfType(values[i])
                ? values[i]
                : Convert.ChangeType(values[i], target, System.Globalization.CultureInfo.InvariantCulture);
        }

        return args;
    }
}
