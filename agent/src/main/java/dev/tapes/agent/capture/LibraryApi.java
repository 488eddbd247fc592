package dev.tapes.agent.capture;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Checks that an application's copy of an HTTP library has every method the agent's code for it
 * calls, and no abstract method that code leaves out, before any of it is used there. The list is
 * read from that code's own bytecode, so it cannot drift from what the code does.
 */
public final class LibraryApi {
  private LibraryApi() {}

  /**
   * The first method of the library that {@code libraryLoader}'s version lacks, as {@code
   * owner.name descriptor}; null when it has them all.
   *
   * @param users the agent classes to check, by binary name
   * @param packages the library's packages, as internal-name prefixes such as {@code
   *     "org/apache/http/"}
   */
  public static String firstMissing(
      ClassLoader libraryLoader,
      ClassLoader agentLoader,
      List<String> users,
      List<String> packages) {
    TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(libraryLoader));
    for (String user : users) {
      byte[] bytes = LibraryClassLoader.classFile(agentLoader, user);
      if (bytes == null) {
        return user + " (not in the agent)";
      }
      References refs = References.of(bytes, packages);
      for (String[] call : refs.calls) {
        TypePool.Resolution owner = pool.describe(call[0].replace('/', '.'));
        if (!owner.isResolved() || !declares(owner.resolve(), call[1], call[2])) {
          return call[0].replace('/', '.') + "." + call[1] + call[2];
        }
      }
      for (String supertype : refs.supertypes) {
        TypePool.Resolution type = pool.describe(supertype.replace('/', '.'));
        if (!type.isResolved()) {
          return supertype.replace('/', '.');
        }
        String missing = abstractLeftOut(type.resolve(), refs.declared);
        if (missing != null) {
          return missing;
        }
      }
    }
    return null;
  }

  /**
   * An abstract method of {@code type} (and of the interfaces it extends) that {@code declared}
   * does not implement, or null.
   */
  private static String abstractLeftOut(TypeDefinition type, Set<String> declared) {
    for (MethodDescription m : type.getDeclaredMethods()) {
      if (m.isAbstract() && !declared.contains(m.getInternalName() + m.getDescriptor())) {
        return type.getTypeName() + "." + m.getInternalName() + m.getDescriptor();
      }
    }
    if (type.isInterface()) {
      for (TypeDescription.Generic i : type.getInterfaces()) {
        String missing = abstractLeftOut(i, declared);
        if (missing != null) {
          return missing;
        }
      }
    }
    return null;
  }

  private static boolean declares(TypeDefinition type, String name, String descriptor) {
    for (MethodDescription m : type.getDeclaredMethods()) {
      if (m.getInternalName().equals(name) && m.getDescriptor().equals(descriptor)) {
        return true;
      }
    }
    TypeDescription.Generic superClass = type.getSuperClass();
    if (superClass != null && declares(superClass, name, descriptor)) {
      return true;
    }
    for (TypeDescription.Generic i : type.getInterfaces()) {
      if (declares(i, name, descriptor)) {
        return true;
      }
    }
    return false;
  }

  /** What one class calls in the library, the library types it extends, the methods it has. */
  private static final class References extends ClassVisitor {
    final List<String[]> calls = new ArrayList<>();
    final List<String> supertypes = new ArrayList<>();
    final Set<String> declared = new LinkedHashSet<>();
    private final List<String> packages;

    private References(List<String> packages) {
      super(OpenedClassReader.ASM_API);
      this.packages = packages;
    }

    static References of(byte[] classFile, List<String> packages) {
      References refs = new References(packages);
      new ClassReader(classFile).accept(refs, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      return refs;
    }

    private boolean inLibrary(String internalName) {
      for (String p : packages) {
        if (internalName.startsWith(p)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void visit(
        int version,
        int access,
        String name,
        String signature,
        String superName,
        String[] interfaces) {
      if (superName != null && inLibrary(superName)) {
        supertypes.add(superName);
      }
      for (String i : interfaces) {
        if (inLibrary(i)) {
          supertypes.add(i);
        }
      }
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      declared.add(name + descriptor);
      return new MethodVisitor(OpenedClassReader.ASM_API) {
        @Override
        public void visitMethodInsn(
            int opcode, String owner, String method, String desc, boolean isInterface) {
          if (inLibrary(owner)) {
            calls.add(new String[] {owner, method, desc});
          }
        }
      };
    }
  }
}
