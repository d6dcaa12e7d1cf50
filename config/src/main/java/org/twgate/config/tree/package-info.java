/**
 * The untyped configuration tree, internal to the loader.
 *
 * <p>Takes YAML text ({@link org.twgate.config.tree.YamlTree}), the embedded defaults and
 * {@code TWGATE_*} variables ({@link org.twgate.config.tree.EnvOverrides}), merged in
 * that order; hands the tree, every node carrying its {@code file:line} or variable name,
 * to the binder. Failure: syntax errors, duplicate keys and variables that name no place
 * in the tree are collected as problems, never thrown one by one.
 */
package org.twgate.config.tree;
