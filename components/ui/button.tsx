import type { ButtonHTMLAttributes } from "react";
import styles from "./button.module.css";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";

interface ButtonStyle {
  variant?: ButtonVariant;
  size?: "normal" | "small";
}

/** The button look, for links that act as buttons. */
export function buttonClassName({ variant = "secondary", size = "normal" }: ButtonStyle = {}): string {
  return [styles.button, styles[variant], size === "small" ? styles.small : ""].filter(Boolean).join(" ");
}

export function Button({ variant, size, className, type = "button", ...props }: ButtonStyle & ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type={type} className={[buttonClassName({ variant, size }), className].filter(Boolean).join(" ")} {...props} />;
}
